package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.JsonReader;
import dev.exitguard.testkit.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exits only a real JVM shows: {@code System.exit}, the main thread returning, and
 * {@code ExitGuard.exit}, each in a child JVM whose exit code, events and JSON report are read.
 * (Signals are proven in exitguard-tests, with the signals module.)
 */
class ChildJvmTest {

    @TempDir
    Path folder;

    /** {@link ChildMain} in {@code mode}. */
    private ChildJvm child(String mode) {
        return ChildJvm.onClassPath(Jdk.current(), ChildMain.class, folder).arguments(mode);
    }

    /** Runs {@link ChildMain} in {@code mode}, with these system properties (name, value, ...), and waits for it to end. */
    private ChildResult run(String mode, String... properties) throws InterruptedException {
        ChildJvm child = child(mode);
        for (int i = 0; i < properties.length; i += 2) {
            child.property(properties[i], properties[i + 1]);
        }
        return exited(child);
    }

    private static ChildResult exited(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            return running.awaitExit();
        }
    }

    private static Map<String, Object> reason(ChildResult child) {
        return JsonReader.object(child.report().json().get("reason"));
    }

    @Test
    void systemExitRunsEveryActionOnceFromTheShutdownHookAndKeepsItsStatus() throws Exception {
        ChildResult child = run("system-exit");

        assertEquals(3, child.exitCode(), child::describe);
        assertEquals(List.of("drain JVM_SHUTDOWN", "flush", "close"), child.events().texts(), child::describe);
        assertEquals("JVM_SHUTDOWN", reason(child).get("kind"), child::describe);
        assertTrue(reason(child).containsKey("exitCode") && reason(child).get("exitCode") == null, child::describe);
        // java.util.logging's own hook may close its handlers first; the table must reach stderr anyway.
        assertTrue(child.stderr().contains("exit (JVM_SHUTDOWN System.exit, or the last non-daemon thread ended"
                + " (exit code unknown)) took "), child::describe);
    }

    @Test
    void theMainThreadReturningRunsEveryActionOnce() throws Exception {
        ChildResult child = run("main-returns");

        assertEquals(0, child.exitCode(), child::describe);
        assertEquals(List.of("drain JVM_SHUTDOWN", "flush", "close"), child.events().texts(), child::describe);
        assertEquals("JVM_SHUTDOWN", reason(child).get("kind"), child::describe);
    }

    @Test
    void guardExitRunsTheActionsThenExitsWithItsStatus() throws Exception {
        ChildResult child = run("guard-exit");

        assertEquals(4, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "flush", "close"), child.events().texts(), child::describe);
        assertEquals(Map.of("kind", "PROGRAMMATIC", "detail", "ExitGuard.exit(4)", "exitCode", 4.0), reason(child));
    }

    /** The exit thread is not a daemon: the main thread returning mid-exit must not turn the code into 0. */
    @Test
    void theMainThreadReturningDuringAnExitKeepsTheExitsCode() throws Exception {
        ChildResult child = run("main-returns-during-exit");

        assertEquals(5, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "main returns", "flush", "close"), child.events().texts(),
                child::describe);
    }

    @Test
    void systemExitInsideAnActionDoesNotDeadlockAndTheRestStillRun() throws Exception {
        ChildResult child = run("system-exit-inside-action", "exitguard.deadline", "20s");

        // System.exit(7) won the race to the JVM's shutdown; exit(4) after the actions can only wait.
        assertEquals(7, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "after-it", "flush", "close"),
                inPhaseOrder(child.events().texts()), child::describe);
        assertCountedAsFinished(child);
        // The process exits with the action's 7, not exit(4)'s code: the report says so.
        assertEquals("JVM_SHUTDOWN", reason(child).get("kind"), child::describe);
    }

    /** The events with those of one phase sorted: after-it and flush run in the same phase, in either order. */
    private static List<String> inPhaseOrder(List<String> events) {
        return events.stream().sorted(Comparator.<String>comparingInt(
                line -> line.startsWith("drain") ? 0 : line.equals("close") ? 2 : 1).thenComparing(line -> line)).toList();
    }

    private static void assertCountedAsFinished(ChildResult child) {
        Report.Action caller = child.report().action("calls-system-exit");
        assertEquals("SUCCEEDED", caller.outcome(), child::describe);
        assertEquals("called System.exit; counted as finished so that the rest of the exit goes on", caller.detail(),
                child::describe);
    }

    /**
     * The exit runs from the JVM's shutdown hook, so the action's thread is stuck in System.exit
     * from the start: it counts as finished at once (the deadline is far away: had the exit waited
     * for it, it would be reported timed out), the action after it runs, and the process keeps the
     * status that reached the JVM first.
     */
    @Test
    void systemExitInsideAnActionOfAnExitSystemExitBeganCountsAsFinishedAtOnce() throws Exception {
        ChildResult child = run("system-exit-inside-action-after-system-exit", "exitguard.deadline", "40s");

        assertEquals(3, child.exitCode(), child::describe);
        assertEquals(List.of("drain JVM_SHUTDOWN", "after-it", "flush", "close"),
                inPhaseOrder(child.events().texts()), child::describe);
        assertCountedAsFinished(child);
    }

    /** Main returning gives the JVM no status, and the action's System.exit(7) must not set one after the hooks. */
    @Test
    void systemExitInsideAnActionOfAnExitMainsReturnBeganLeavesTheStatus0() throws Exception {
        for (int run = 0; run < 3; run++) {
            ChildResult child = exited(ChildJvm.onClassPath(Jdk.current(), ChildMain.class,
                    Files.createDirectories(folder.resolve("run-" + run)))
                    .arguments("system-exit-inside-action-after-main-returns").property("exitguard.deadline", "40s"));

            assertEquals(0, child.exitCode(), child::describe);
            assertEquals(List.of("drain JVM_SHUTDOWN", "after-it", "flush", "close"),
                    inPhaseOrder(child.events().texts()), child::describe);
            assertCountedAsFinished(child);
        }
    }

    /**
     * The command's exit codes are the ones its Javadoc promises: 0 with the plan, 1 for an
     * invalid configuration, 2 for a bad argument.
     */
    @Test
    void thePlanCommandExitsWithTheCodesItPromises() throws Exception {
        ChildResult plan = exited(ChildJvm.onClassPath(Jdk.current(), PrintExitPlan.class, folder)
                .property("exitguard.deadline", "20s").arguments("--json"));
        ChildResult invalid = exited(ChildJvm.onClassPath(Jdk.current(), PrintExitPlan.class, folder)
                .property("exitguard.deadline", "banana"));
        ChildResult unknown = exited(ChildJvm.onClassPath(Jdk.current(), PrintExitPlan.class, folder).arguments("--yaml"));

        assertEquals(0, plan.exitCode(), plan::describe);
        assertEquals(20000.0, JsonReader.object(JsonReader.read(plan.stdout())).get("deadlineMillis"), plan::describe);
        assertEquals(1, invalid.exitCode(), invalid::describe);
        assertTrue(invalid.stderr().contains("1) exitguard.deadline: cannot read [banana] as a duration"), invalid::describe);
        assertEquals(2, unknown.exitCode(), unknown::describe);
        assertTrue(unknown.stderr().startsWith("unknown argument [--yaml]"), unknown::describe);
    }

    /**
     * A hung action is abandoned at the 1 s deadline; then another library's hook hangs the JVM's
     * own shutdown, and the watchdog halts it 1 s later, with the exit's code.
     */
    @Test
    void aWatchdogHaltsAShutdownThatOutlivesTheDeadlinePlusTheGrace() throws Exception {
        ChildResult child = run("hung-hook", "exitguard.deadline", "1s", "exitguard.haltGrace", "1s");

        assertEquals(4, child.exitCode(), child::describe);
        assertTrue(child.events().texts().contains("other library's hook hangs"), child::describe);
        assertTrue(child.stderr().contains("exitguard: the exit (PROGRAMMATIC ExitGuard.exit(4) (exit code 4)) outlived"
                + " its deadline (1s) plus the halt grace (1s); halting with exit code 4"), child::describe);
        Report.Action hung = child.report().action("hung");
        assertEquals("TIMED_OUT", hung.outcome(), child::describe);
        assertTrue(hung.stack().contains("java.lang.Thread.sleep"), child::describe);
    }

    // ---- JFR ----

    /**
     * A runtime without {@code jdk.jfr} (as a jlink image made without it; here
     * {@code --limit-modules}) still runs the exit, and loads nothing of JFR: exitguard asks whether
     * the module is there without touching it.
     */
    @Test
    void aRuntimeWithoutJfrExitsAsUsualAndLoadsNothingOfIt() throws Exception {
        Path classes = folder.resolve("no-jfr.classes");
        ChildResult child = exited(child("guard-exit").flag("--limit-modules").flag("java.base,java.logging")
                .flag("-Xlog:class+load=info:file=" + classes));

        assertEquals(4, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "flush", "close"), child.events().texts(), child::describe);
        assertEquals(Map.of("SUCCEEDED", 3.0, "FAILED", 0.0, "TIMED_OUT", 0.0, "SKIPPED", 0.0),
                child.report().json().get("counts"), child::describe);
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" dev.exitguard.core.ExitEvents source:")),
                "the exit asked for its events");
        assertEquals(List.of(), loaded.stream().filter(line -> line.contains("jdk.jfr")
                || line.contains("dev.exitguard.core.JfrExitEvents") || line.contains("dev.exitguard.core.ExitEvent ")
                || line.contains("dev.exitguard.core.ExitActionEvent")).toList());
        assertTrue(!child.stderr().contains("NoClassDefFoundError"), child::describe);
    }

    /**
     * With {@code jdk.jfr} present but no recording, the event classes are not loaded either: the
     * recorder is asked whether it runs (two small classes), and that is all.
     */
    @Test
    void withoutARecordingTheEventClassesAreNeverLoaded() throws Exception {
        Path classes = folder.resolve("idle.classes");
        ChildResult child = exited(child("guard-exit").flag("-Xlog:class+load=info:file=" + classes));

        assertEquals(4, child.exitCode(), child::describe);
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" jdk.jfr.FlightRecorder source:")),
                "the exit asked whether the recorder runs");
        assertEquals(List.of(), loaded.stream().filter(line -> line.contains(" jdk.jfr.Event ")
                || line.contains("dev.exitguard.core.ExitEvent ") || line.contains("dev.exitguard.core.ExitActionEvent"))
                .toList());
    }

    /** With a recording dumped at exit, the file holds the exit: each action with its outcome, and the exit's code. */
    @Test
    void aRecordingDumpedAtExitHoldsTheExit() throws Exception {
        Path recording = folder.resolve("exit.jfr");
        ChildResult child = exited(child("guard-exit").flag("-XX:StartFlightRecording:dumponexit=true,filename="
                + recording));

        assertEquals(4, child.exitCode(), child::describe);
        List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(recording);
        List<String> actions = events.stream().filter(e -> e.getEventType().getName().equals("dev.exitguard.ExitAction"))
                .sorted(java.util.Comparator.comparing(jdk.jfr.consumer.RecordedEvent::getStartTime))
                .map(e -> e.getString("name") + " " + e.getString("outcome")).toList();
        // The rehearsal at install records nothing: only the real exit's three actions are there.
        assertEquals(List.of("drain SUCCEEDED", "flush SUCCEEDED", "close SUCCEEDED"), actions, child::describe);
        List<Integer> codes = events.stream().filter(e -> e.getEventType().getName().equals("dev.exitguard.Exit"))
                .map(e -> e.getInt("exitCode")).toList();
        assertEquals(List.of(4), codes, child::describe);
    }
}
