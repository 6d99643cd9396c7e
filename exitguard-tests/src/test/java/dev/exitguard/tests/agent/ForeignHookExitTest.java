package dev.exitguard.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.TestJdks;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.agent.AgentApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Other libraries' shutdown hooks in real child JVMs: one that hangs (and ignores interrupts), one
 * that logs, one registered while exitguard installs. With the agent (or {@code --add-opens} and
 * {@code exitguard.foreignHooks=adopt}) they run inside the exit, each once, one report row each,
 * bounded by the deadline, on every exit path; without it, the watchdog's dump names the hung one.
 */
class ForeignHookExitTest {

    /** The deadline of these exits: the hung hook holds each exit this long. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /**
     * What a SIGTERM-to-gone may take beyond the deadline: the report, the JVM's own shutdown, a busy
     * machine. Generous on purpose: two cores shared by several builds stretch a 50 ms step many times.
     */
    private static final Duration MARGIN = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    /** How the app ends, the code it must end with, and the report's reason. */
    enum Way {
        SIGTERM("wait", 143, "SIGNAL", 143),
        SYSTEM_EXIT("exit:4", 4, "JVM_SHUTDOWN", -1),
        MAIN_RETURNS("return", 0, "JVM_SHUTDOWN", -1),
        GUARD_EXIT("guardExit:3", 3, "PROGRAMMATIC", 3);

        final String then;
        final int exitCode;
        final String kind;
        final int reportedCode;

        Way(String then, int exitCode, String kind, int reportedCode) {
            this.then = then;
            this.exitCode = exitCode;
            this.kind = kind;
            this.reportedCode = reportedCode;
        }
    }

    /**
     * Each way on each JDK, {@code exitguard.tests.agent.runs} times (once by default; the soak in
     * docs/testing.md runs 10).
     */
    static Stream<Arguments> waysOnEachJdk() {
        List<Arguments> all = new ArrayList<>();
        for (int run = 0; run < Integer.getInteger("exitguard.tests.agent.runs", 1); run++) {
            for (Jdk jdk : TestJdks.found()) {
                for (Way way : Way.values()) {
                    all.add(Arguments.of(jdk, way));
                }
            }
        }
        return all.stream();
    }

    private ChildResult run(ChildJvm child, Way way) throws InterruptedException {
        try (Child running = child.property("app.then", way.then).start()) {
            running.awaitReady();
            if (way == Way.SIGTERM) {
                running.signal("TERM");
            }
            return running.awaitExit();
        }
    }

    private static void assertAdoptedOnce(ChildResult result, Way way) {
        assertEquals(way.exitCode, result.exitCode(), result::describe);
        Report report = result.report();
        report.assertReason(way.kind, way.reportedCode);
        List<String> names = report.names();
        assertEquals(names.size(), new HashSet<>(names).size(),
                () -> "a row twice: " + names + "\n" + result.describe());
        Report.Action hung = report.action("shutdown hook hung-hook");
        assertEquals("TIMED_OUT", hung.outcome(), result::describe);
        assertTrue(hung.stack().contains("ForeignHooks.hang"), result::describe);
        assertEquals("SUCCEEDED", report.action("shutdown hook logging-hook").outcome(), result::describe);
        assertEquals("SUCCEEDED", report.action("shutdown hook early-hook").outcome(), result::describe);
        result.events().assertEachOnce(List.of("hook hung started", "hook logging ran", "hook early ran",
                "ran early-library"));
    }

    @ParameterizedTest
    @MethodSource("waysOnEachJdk")
    void withTheAgentEveryHookRunsInsideTheExitOnceAndTheHungOneIsCutOffAtTheDeadline(Jdk jdk, Way way)
            throws InterruptedException {
        ChildJvm child = AgentChildren.withAgent(jdk, dir, "deadline=" + DEADLINE.toSeconds() + "s")
                .property("app.hooks", "hung,logging");

        ChildResult result = run(child, way);

        assertAdoptedOnce(result, way);
        if (way == Way.SIGTERM) {
            // Read by docs/testing.md, from target/surefire-reports/...ForeignHookExitTest-output.txt.
            System.out.printf("agent, %s: SIGTERM to gone in %d ms with a hook hung past the %d s deadline%n", jdk,
                    result.sinceFirstSignal().toMillis(), DEADLINE.toSeconds());
            assertTrue(result.sinceFirstSignal().compareTo(DEADLINE.plus(MARGIN)) < 0,
                    () -> "SIGTERM to gone took " + result.sinceFirstSignal().toMillis() + " ms\n" + result.describe());
        }
    }

    @Test
    void aHookThatCallsSystemExitOrThrowsCostsItsRowAloneAndTheFirstStatusWins() throws InterruptedException {
        ChildJvm child = AgentChildren.withAgent(Jdk.current(), dir, "deadline=20s")
                .property("app.hooks", "exiting,failing,logging");

        ChildResult result = run(child, Way.SIGTERM);

        // The hook's System.exit(7) reached the JVM before the exit's own Runtime.exit(143).
        assertEquals(7, result.exitCode(), result::describe);
        Report report = result.report();
        Report.Action exiting = report.action("shutdown hook exiting-hook");
        assertEquals("SUCCEEDED", exiting.outcome(), result::describe);
        assertEquals("called System.exit; counted as finished so that the rest of the exit goes on", exiting.detail());
        Report.Action failing = report.action("shutdown hook failing-hook");
        assertEquals("FAILED", failing.outcome(), result::describe);
        assertEquals("java.lang.IllegalStateException: the failing hook broke", failing.error(), result::describe);
        assertEquals("SUCCEEDED", report.action("shutdown hook logging-hook").outcome(), result::describe);
        assertTrue(result.sinceFirstSignal().compareTo(MARGIN) < 0, result::describe);
        result.events().assertEachOnce(List.of("hook exiting calls System.exit(7)", "hook failing ran",
                "hook logging ran"));
    }

    @Test
    void aHookThatCallsSystemExitDuringAnExitTheJvmBeganCountsAsFinishedAtOnce() throws InterruptedException {
        ChildJvm child = AgentChildren.withAgent(Jdk.current(), dir, "deadline=20s")
                .property("app.hooks", "exiting,logging");

        ChildResult result = run(child, Way.SYSTEM_EXIT);

        // System.exit(4) from main began the JVM's shutdown: its status stays; the hook's call waits for ever.
        assertEquals(4, result.exitCode(), result::describe);
        Report.Action exiting = result.report().action("shutdown hook exiting-hook");
        assertEquals("SUCCEEDED", exiting.outcome(), result::describe);
        assertEquals("called System.exit; counted as finished so that the rest of the exit goes on",
                exiting.detail());
        result.events().assertEachOnce(List.of("hook exiting calls System.exit(7)", "hook logging ran"));
    }

    @OnEachJdk
    void withAddOpensAndAdoptTheSameHoldsWithoutTheAgent(Jdk jdk) throws InterruptedException {
        ChildJvm child = ChildJvm.onClassPath(jdk, AgentApp.class, dir)
                .classPathFirst(AgentChildren.PROVIDERS.resolve("agent"))
                .flag("--add-opens=java.base/java.lang=ALL-UNNAMED")
                .property("exitguard.foreignHooks", "adopt")
                .property("exitguard.deadline", DEADLINE.toSeconds() + "s")
                .property("app.install", "true")
                .property("app.hooks", "hung,logging");

        ChildResult result = run(child, Way.SIGTERM);

        assertAdoptedOnce(result, Way.SIGTERM);
        assertEquals("SUCCEEDED", result.report().action("registered").outcome(), result::describe);
    }

    @Test
    void adoptWithoutJavaLangOpenedIsOneWarningAndTheJvmRunsTheHooksAsBefore() throws InterruptedException {
        ChildJvm child = ChildJvm.onClassPath(Jdk.current(), AgentApp.class, dir)
                .classPathFirst(AgentChildren.PROVIDERS.resolve("agent"))
                .property("exitguard.foreignHooks", "adopt")
                .property("app.install", "true")
                .property("app.hooks", "logging");

        ChildResult result = run(child, Way.SIGTERM);

        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(1, result.countInStderr("exitguard.foreignHooks=adopt: the JVM's other shutdown hooks are left to"
                + " the JVM, which starts them all at once, unbounded and unreported, because java.base does not open"
                + " java.lang to the class path (the unnamed module). To adopt them, start the JVM with"
                + " -javaagent:exitguard-agent.jar, or with --add-opens java.base/java.lang=ALL-UNNAMED"),
                result::describe);
        assertEquals(List.of("flush", "registered", "early-library"), result.report().names());
        result.events().assertEachOnce(List.of("hook logging ran", "hook early ran"));
    }

    @OnEachJdk
    void withoutTheAgentTheWatchdogNamesTheHungHookWithItsStackBeforeItHalts(Jdk jdk) throws InterruptedException {
        ChildJvm child = ChildJvm.onClassPath(jdk, AgentApp.class, dir)
                .classPathFirst(AgentChildren.PROVIDERS.resolve("agent"))
                .property("exitguard.deadline", "1s")
                .property("exitguard.haltGrace", "1s")
                .property("app.install", "true")
                .property("app.hooks", "hung,logging");

        ChildResult result = run(child, Way.SIGTERM);

        assertEquals(143, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("outlived its deadline (1s) plus the halt grace (1s); halting with exit"
                + " code 143"), result::describe);
        assertTrue(result.stderr().contains("exitguard: live shutdown hooks and non-daemon threads at the halt:\n"
                + "  \"hung-hook\" (shutdown hook, the JVM's shutdown waits for it, non-daemon thread) "),
                result::describe);
        assertTrue(result.stderr().contains("ForeignHooks.hang"), result::describe);
        Map<String, Object> halt = result.report().halt();
        assertTrue(((String) halt.get("cause")).startsWith("the watchdog halted the JVM"), result::describe);
        assertEquals(143.0, halt.get("exitCode"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) halt.get("threads")).get(0);
        assertEquals("hung-hook", first.get("name"), result::describe);
        assertEquals(List.of("shutdown hook", "the JVM's shutdown waits for it", "non-daemon thread"),
                first.get("roles"), result::describe);
        assertTrue(((String) first.get("stack")).contains("ForeignHooks.hang"), result::describe);
        result.events().assertEachOnce(List.of("hook logging ran", "hook hung started"));
    }
}
