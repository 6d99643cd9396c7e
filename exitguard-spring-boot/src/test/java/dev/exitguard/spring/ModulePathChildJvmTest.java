package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.spring.child.Boot;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.AppModule;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code exitguard-spring-boot} as a named module beside Spring Boot 4.0's automatic modules: a Spring
 * Boot application module ({@code src/test/module-app}, compiled here against that module path) run
 * with {@code -p ... -m}, its exit action bean and {@code @PreDestroy} bean logging through Logback
 * into a file, ended by {@code System.exit} and by SIGTERM. Every line and the report's first line
 * must be in the file once, and the report must list Spring's actions and the bean's.
 */
class ModulePathChildJvmTest {

    private static final String MODULE = "dev.exitguard.spring.modapp";
    private static final String MAIN = "dev.exitguard.spring.modapp.ModApp";

    /** Generous: an exit here takes about a second; only a hang (or a machine stalled for a minute) reaches it. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(90);

    private static Path compiled;

    @TempDir
    Path dir;

    /** Spring Boot 4.0 with Logback, as this module's tests resolve it, less what only the tests use. */
    private static List<Path> springBoot() {
        List<Path> entries = new ArrayList<>();
        for (Path entry : Boot.V4_0.classPath()) {
            String name = entry.toString();
            if (name.endsWith(".jar") && !name.contains("exitguard-") && !name.contains("/org/junit/")
                    && !name.contains("/opentest4j/") && !name.contains("/apiguardian/")
                    && !name.contains("spring-boot-test") && !name.contains("spring-test")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<Path> exitguard() {
        List<Path> entries = new ArrayList<>();
        entries.add(Path.of(System.getProperty("exitguard.spring.classes")));
        for (Class<?> type : List.of(ExitAction.class, ExitGuard.class, SignalTrigger.class)) {
            entries.add(ChildJvm.locationOf(type));
        }
        return entries;
    }

    private static synchronized Path app() {
        if (compiled == null) {
            Path sources = Path.of(System.getProperty("exitguard.spring.moduleApp", "src/test/module-app"));
            Path out = Path.of("target", "module-app");
            List<Path> modulePath = new ArrayList<>(exitguard());
            modulePath.addAll(springBoot());
            compiled = AppModule.compile(sources, out, modulePath);
        }
        return compiled;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exit:7", "TERM"})
    void aSpringBootApplicationOnTheModulePathExitsThroughExitguardWithEveryLine(String end) throws Exception {
        List<Path> modulePath = new ArrayList<>(exitguard());
        modulePath.add(app().toAbsolutePath());
        modulePath.addAll(springBoot());
        Path log = dir.resolve("app.log");
        boolean signal = end.equals("TERM");
        ChildResult result;
        // Every module of the path: automatic modules (Spring's) read all resolved modules but make none
        // resolve, so commons-logging, Logback and the rest would be left out.
        try (Child child = ChildJvm.onModulePath(Jdk.current(), modulePath, MODULE, MAIN, dir)
                .flag("--add-modules").flag("ALL-MODULE-PATH").flag("-Xmx256m")
                .property("app.then", signal ? "wait" : end).arguments("--logging.file.name=" + log).start()) {
            child.awaitReady();
            if (signal) {
                child.signal("TERM");
            }

            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(signal ? 143 : 7, result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("MODULES " + MODULE + " dev.exitguard.core"), result::describe);
        Report report = result.report();
        assertEquals(List.of("spring-readiness", "spring-context", "spring-shutdown-handlers", "modapp-log"),
                report.names(), result::describe);
        report.assertAll("SUCCEEDED");
        SpringLogFile.read(log).assertComplete(List.of("modapp-log", "pre-destroy"), result::describe);
    }
}
