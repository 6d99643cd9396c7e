package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.spring.app.logging.LoggingStops;
import dev.exitguard.spring.child.Boot;
import dev.exitguard.spring.child.LoggingSetup;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The last line is never lost in a Spring Boot application with {@code exitguard-spring-boot}: the
 * shop app ({@code app.logging=true}: exit action beans in three phases and a {@code @PreDestroy}
 * bean, each logging its lines through SLF4J) in child JVMs, ended every way a process ends, with
 * Logback (Spring Boot's default file appender, and an {@code AsyncAppender}) and Log4j 2
 * ({@code spring-boot-starter-log4j2}) writing to a file, with and without exitguard's adapter for
 * the backend. Once the process is gone, every line and the report's first line must be in the file
 * exactly once, the report after them all, and the exit code must be the path's.
 *
 * <p>By default each case runs {@code exitguard.spring.logging.runs} times (1), on SIGTERM and on the
 * two paths where Spring Boot's own hook would race the exit ({@code System.exit} from another
 * thread, {@code main} returning) on Spring Boot 4.0, and on {@code System.exit} from another thread
 * on 3.5: 32 child JVMs, two to four minutes on two loaded cores.
 * {@code -Dexitguard.spring.logging.everyPath=true} runs every path on both (128 child JVMs a run; the
 * soak, docs/testing.md); {@code -Dexitguard.spring.logging.paths=SIGTERM,SYSTEM_EXIT} only those
 * paths, and {@code -Dexitguard.spring.logging.adapters=with} (or {@code without}) only those cases.
 */
class SpringLoggingChildJvmTest {

    private static final String SHOP_APP = "dev.exitguard.spring.app.ShopApp";

    /** What the app prints once it is up; the port is {@code null} without a web server. */
    private static final Pattern READY = Pattern.compile("(?m)^READY pid=(\\d+) port=(\\d+|null)$");

    /** Generous: an exit here takes about a second; only a hang (or a machine stalled for a minute) reaches it. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(90);

    private static final int RUNS = Integer.getInteger("exitguard.spring.logging.runs", 1);

    private static final boolean EVERY_PATH_ON_EVERY_BOOT = Boolean.getBoolean("exitguard.spring.logging.everyPath");

    private static final Set<SpringExitPath> BY_DEFAULT_ON_BOOT_4_0 = EnumSet.of(SpringExitPath.SIGTERM,
            SpringExitPath.SYSTEM_EXIT_ON_ANOTHER_THREAD, SpringExitPath.MAIN_RETURNS);

    private static final Set<SpringExitPath> BY_DEFAULT_ON_BOOT_3_5 = EnumSet.of(SpringExitPath.SYSTEM_EXIT_ON_ANOTHER_THREAD);

    /** The paths {@code exitguard.spring.logging.paths} names, or null for the default selection. */
    private static final Set<SpringExitPath> ONLY = only(System.getProperty("exitguard.spring.logging.paths", ""));

    private static Set<SpringExitPath> only(String names) {
        if (names.isBlank()) {
            return null;
        }
        Set<SpringExitPath> paths = EnumSet.noneOf(SpringExitPath.class);
        for (String name : names.split(",")) {
            paths.add(SpringExitPath.valueOf(name.strip()));
        }
        return paths;
    }

    private static boolean selected(Boot boot, SpringExitPath path) {
        if (ONLY != null) {
            return ONLY.contains(path);
        }
        return EVERY_PATH_ON_EVERY_BOOT
                || (boot == Boot.V4_0 ? BY_DEFAULT_ON_BOOT_4_0 : BY_DEFAULT_ON_BOOT_3_5).contains(path);
    }

    /** Whether the cases run without the adapter, with it, or both. */
    private static final List<Boolean> ADAPTERS = switch (System.getProperty("exitguard.spring.logging.adapters", "")) {
        case "with" -> List.of(true);
        case "without" -> List.of(false);
        default -> List.of(false, true);
    };

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            for (Boot boot : Boot.values()) {
                for (LoggingSetup setup : LoggingSetup.values()) {
                    for (boolean adapter : ADAPTERS) {
                        for (SpringExitPath path : SpringExitPath.values()) {
                            if (selected(boot, path)) {
                                cases.add(Arguments.of(boot, setup, adapter ? "with its adapter" : "no adapter", path, run));
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, {2}, {3}, run {4}")
    @MethodSource("cases")
    void everyLineTheExitLogsAndTheReportAreInTheLogFileOnce(Boot boot, LoggingSetup setup, String adapter,
            SpringExitPath path, int run) throws Exception {
        Path log = dir.resolve("app.log");
        List<String> arguments = new ArrayList<>(List.of("--app.logging=true"));
        arguments.addAll(setup.configure(dir, log));
        arguments.addAll(path.arguments());
        ChildResult result;
        try (Child child = ChildJvm.onClassPath(Jdk.current(), SHOP_APP, dir)
                .classPath(setup.classPath(boot, adapter.startsWith("with"))).flag("-Xmx256m")
                .property("app.then", path.then()).arguments(arguments.toArray(String[]::new)).start()) {
            child.awaitReady(READY);

            path.end(child);

            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(path.exitCode(), result.exitCode(), result::describe);
        Events events = result.events();
        for (String logger : path.loggers()) {
            events.assertEachOnce("start " + logger, "end " + logger);
        }
        SpringLogFile file = SpringLogFile.read(log);
        file.assertComplete(path.loggers(), result::describe);
        // Stopped once, whoever stopped it, and only once every exit action was over.
        events.assertEachOnce(LoggingStops.STOPPED);
        for (String logger : path.loggers()) {
            events.assertInOrder("end " + logger, LoggingStops.STOPPED);
        }
        // No adapter stood aside, and none warned of a stop another makes.
        String output = result.stdout() + result.stderr() + String.join("\n", file.lines());
        assertFalse(output.contains("logging backend ["), result::describe);
        assertTrue(result.report().names().containsAll(path.actions()), result::describe);
    }
}
