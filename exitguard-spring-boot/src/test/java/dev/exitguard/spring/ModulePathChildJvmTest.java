package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.spring.child.Boot;
import dev.exitguard.spring.child.ShopChild;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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

    private static Path compiled;

    @TempDir
    Path dir;

    /** Spring Boot 4.0 with Logback, as this module's tests resolve it, less what only the tests use. */
    private static List<String> springBoot() {
        List<String> entries = new ArrayList<>();
        for (String entry : Boot.V4_0.classPath()) {
            if (entry.endsWith(".jar") && !entry.contains("exitguard-") && !entry.contains("/org/junit/")
                    && !entry.contains("/opentest4j/") && !entry.contains("/apiguardian/")
                    && !entry.contains("spring-boot-test") && !entry.contains("spring-test")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<String> exitguard() {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("exitguard.spring.classes"));
        for (Class<?> type : List.of(ExitAction.class, ExitGuard.class, SignalTrigger.class)) {
            entries.add(locationOf(type));
        }
        return entries;
    }

    private static synchronized Path app() {
        if (compiled == null) {
            Path sources = Path.of(System.getProperty("exitguard.spring.moduleApp", "src/test/module-app"));
            Path out = Path.of("target", "module-app");
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertNotNull(javac, "the module-path scenario compiles its app module, and this JVM has no compiler");
            List<String> modulePath = new ArrayList<>(exitguard());
            modulePath.addAll(springBoot());
            List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", out.toString(),
                    "--module-path", String.join(File.pathSeparator, modulePath)));
            try (Stream<Path> files = Files.walk(sources)) {
                Files.createDirectories(out);
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
            assertEquals(0, status, () -> "compiling the app module failed: " + arguments + "\n" + messages);
            compiled = out;
        }
        return compiled;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exit:7", "TERM"})
    void aSpringBootApplicationOnTheModulePathExitsThroughExitguardWithEveryLine(String end) throws Exception {
        List<String> modulePath = new ArrayList<>(exitguard());
        modulePath.add(app().toAbsolutePath().toString());
        modulePath.addAll(springBoot());
        Path log = dir.resolve("app.log");
        boolean signal = end.equals("TERM");
        try (ShopChild child = ShopChild.startModule(dir, modulePath, MODULE, MAIN,
                Map.of("app.then", signal ? "wait" : end), "--logging.file.name=" + log)) {
            child.awaitReady();
            if (signal) {
                child.signal("TERM");
            }

            assertEquals(signal ? 143 : 7, child.awaitExit(Duration.ofSeconds(90)), child::describe);

            assertTrue(child.stdout().contains("MODULES " + MODULE + " dev.exitguard.core"), child::describe);
            List<String> names = child.reportedNames();
            assertEquals(List.of("spring-readiness", "spring-context", "spring-shutdown-handlers", "modapp-log"), names,
                    child::describe);
            for (Map<String, Object> action : child.reportedActions()) {
                assertEquals("SUCCEEDED", action.get("outcome"), () -> action + "\n" + child.describe());
            }
            SpringLogFile.read(log).assertComplete(List.of("modapp-log", "pre-destroy"), child::describe);
        }
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
