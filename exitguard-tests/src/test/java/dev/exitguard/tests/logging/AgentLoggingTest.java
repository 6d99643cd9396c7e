package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.TestJdks;
import dev.exitguard.tests.apps.Agent;
import dev.exitguard.tests.apps.LoggingApp;
import dev.exitguard.tests.apps.agent.AgentApp;
import dev.exitguard.tests.apps.agent.ForeignHooks;
import dev.exitguard.tests.apps.agent.LoggingAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the agent alone, and no exitguard adapter: the logging backend's own shutdown hook (Log4j's,
 * Logback's {@code <shutdownHook/>}, the JDK {@code LogManager}'s cleaner) is adopted and runs last,
 * after the exit report is logged, so that every line the exit actions logged, the line another
 * library's hook logged, and the report are in the file, on SIGTERM, {@code System.exit} and
 * {@code main} returning. The file appenders buffer: what the backend is never stopped for is lost.
 */
class AgentLoggingTest {

    private static final List<Backend> BACKENDS = List.of(Backend.LOG4J_FILE, Backend.LOGBACK_FILE, Backend.JUL_FILE);
    private static final Path PROVIDERS =
            Path.of(System.getProperty("exitguard.tests.providers", "src/test/providers"));

    @TempDir
    Path dir;

    /** How the app ends, and the code it ends with. */
    enum Way {
        SIGTERM("wait", 143),
        SYSTEM_EXIT("exit:4", 4),
        MAIN_RETURNS("return", 0);

        final String then;
        final int exitCode;

        Way(String then, int exitCode) {
            this.then = then;
            this.exitCode = exitCode;
        }
    }

    /**
     * Each backend on each path, {@code exitguard.tests.agent.runs} times (once by default; the soak in
     * docs/testing.md runs 10), taking the JDKs found in turn from one case to the next (JDK 17 and 25
     * where both are there), so that each JDK runs every backend and every path.
     */
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        List<Jdk> jdks = TestJdks.found();
        for (int run = 0; run < Integer.getInteger("exitguard.tests.agent.runs", 1); run++) {
            for (Backend backend : BACKENDS) {
                for (Way way : Way.values()) {
                    all.add(Arguments.of(jdks.get(all.size() % jdks.size()), backend, way));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void everyLineTheExitLoggedAndTheReportAreInTheFile(Jdk jdk, Backend backend, Way way) throws InterruptedException {
        ChildJvm child = ChildJvm.onClassPath(jdk, AgentApp.class, dir).testClassesOnly()
                .classPathFirst(PROVIDERS.resolve("agent-logging"))
                .flag(Agent.flag(""))
                .property("app.log", backend.api())
                .property("app.hooks", "logging")
                .property("app.then", way.then);
        backend.configure(child, Backend.log(dir), false);

        ChildResult result;
        try (Child running = child.start()) {
            running.awaitReady();
            if (way == Way.SIGTERM) {
                running.signal("TERM");
            }
            result = running.awaitExit();
        }

        assertEquals(way.exitCode, result.exitCode(), result::describe);
        List<String> lines = LogFile.read(Backend.log(dir)).lines();
        List<String> expected = new ArrayList<>(List.of(AgentApp.STARTED, ForeignHooks.LOGGING_HOOK_LINE));
        for (String action : LoggingAction.NAMES) {
            for (int i = 1; i <= LoggingApp.LINES; i++) {
                expected.add(LoggingApp.line(action, i));
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String line : expected) {
            long count = lines.stream().filter(line::equals).count();
            if (count != 1) {
                wrong.add("[" + line + "] " + (count == 0 ? "is missing" : "is there " + count + " times"));
            }
        }
        long reports = lines.stream().filter(l -> l.startsWith(LogFile.REPORT_PREFIX)).count();
        if (reports != 1) {
            wrong.add("the report's first line is there " + reports + " times");
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " lines wrong in the log file (" + lines.size() + " lines):\n  "
                    + String.join("\n  ", wrong.subList(0, Math.min(wrong.size(), 30)))
                    + "\n--- log file ---\n" + String.join("\n", lines) + "\n" + result.describe());
        }
        // In the exit's order: the last action, then the other library's hook, then the report.
        int telemetry = lines.indexOf(LoggingApp.line("telemetry", LoggingApp.LINES));
        int hook = lines.indexOf(ForeignHooks.LOGGING_HOOK_LINE);
        int report = indexOfReport(lines);
        assertTrue(telemetry < hook && hook < report, () -> "out of order: telemetry at " + telemetry + ", the hook at "
                + hook + ", the report at " + report + "\n" + String.join("\n", lines) + "\n" + result.describe());
        // The report's rows follow its first line: the other library's hook is one of them.
        assertTrue(lines.subList(report, lines.size()).stream()
                .anyMatch(l -> l.contains("shutdown hook logging-hook") && l.contains("SUCCEEDED")),
                () -> String.join("\n", lines) + "\n" + result.describe());
    }

    private static int indexOfReport(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(LogFile.REPORT_PREFIX)) {
                return i;
            }
        }
        return -1;
    }
}
