package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testing.JsonReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exits only a real JVM shows: {@code System.exit}, the main thread returning, and
 * {@code ExitGuard.exit}, each in a child JVM whose exit code, journal and JSON report are read.
 * (Signals are proven in exitguard-tests, with the signals module.)
 */
class ChildJvmTest {

    /** Generous: a child JVM starts in well under a second; only a hang gets anywhere near this. */
    private static final long PATIENCE_SECONDS = 60;

    @TempDir
    Path folder;

    private record Child(int exitCode, String stdout, String stderr, List<String> journal, Map<String, Object> report) {
        String describe() {
            return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr + "\n--- journal\n" + journal;
        }
    }

    private Child run(String mode, String... jvmOptions) throws IOException, InterruptedException {
        Path journal = folder.resolve(mode + ".journal");
        Path report = folder.resolve(mode + ".json");
        List<String> options = new ArrayList<>();
        options.add("-Dexitguard.report=" + report);
        options.addAll(List.of(jvmOptions));
        Child child = java(mode, options, ChildMain.class.getName(), journal.toString(), mode);
        List<String> lines = Files.exists(journal) ? Files.readAllLines(journal) : List.of();
        Map<String, Object> json = Files.exists(report)
                ? JsonReader.object(JsonReader.read(Files.readString(report, StandardCharsets.UTF_8))) : Map.of();
        return new Child(child.exitCode(), child.stdout(), child.stderr(), lines, json);
    }

    /** Runs {@code mainClass} in a child JVM on this class path and waits for it. */
    private Child java(String label, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(coverageAgent());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = folder.resolve(label + ".out");
        Path err = folder.resolve(label + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM (" + label + ") hung:\n" + Files.readString(err));
        }
        return new Child(process.exitValue(), Files.readString(out), Files.readString(err), List.of(), Map.of());
    }

    /**
     * The JaCoCo agent of this JVM, when coverage is measured ({@code -Pcoverage}), so that what the
     * child runs counts too; the agent appends to the same file, under a lock.
     */
    private static List<String> coverageAgent() {
        return Stream.of(ProcessHandle.current().info().arguments().orElse(new String[0]))
                .filter(option -> option.startsWith("-javaagent:") && option.contains("jacoco"))
                .toList();
    }

    private static Map<String, Object> reason(Child child) {
        return JsonReader.object(child.report().get("reason"));
    }

    @Test
    void systemExitRunsEveryActionOnceFromTheShutdownHookAndKeepsItsStatus() throws Exception {
        Child child = run("system-exit");

        assertEquals(3, child.exitCode(), child::describe);
        assertEquals(List.of("drain JVM_SHUTDOWN", "flush", "close"), child.journal(), child::describe);
        assertEquals("JVM_SHUTDOWN", reason(child).get("kind"), child::describe);
        assertTrue(reason(child).containsKey("exitCode") && reason(child).get("exitCode") == null, child::describe);
        // java.util.logging's own hook may close its handlers first; the table must reach stderr anyway.
        assertTrue(child.stderr().contains("exit (JVM_SHUTDOWN System.exit, or the last non-daemon thread ended"
                + " (exit code unknown)) took "), child::describe);
    }

    @Test
    void theMainThreadReturningRunsEveryActionOnce() throws Exception {
        Child child = run("main-returns");

        assertEquals(0, child.exitCode(), child::describe);
        assertEquals(List.of("drain JVM_SHUTDOWN", "flush", "close"), child.journal(), child::describe);
        assertEquals("JVM_SHUTDOWN", reason(child).get("kind"), child::describe);
    }

    @Test
    void guardExitRunsTheActionsThenExitsWithItsStatus() throws Exception {
        Child child = run("guard-exit");

        assertEquals(4, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "flush", "close"), child.journal(), child::describe);
        assertEquals(Map.of("kind", "PROGRAMMATIC", "detail", "ExitGuard.exit(4)", "exitCode", 4.0), reason(child));
    }

    /** The exit thread is not a daemon: the main thread returning mid-exit must not turn the code into 0. */
    @Test
    void theMainThreadReturningDuringAnExitKeepsTheExitsCode() throws Exception {
        Child child = run("main-returns-during-exit");

        assertEquals(5, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "main returns", "flush", "close"), child.journal(), child::describe);
    }

    @Test
    void systemExitInsideAnActionDoesNotDeadlockAndTheRestStillRun() throws Exception {
        Child child = run("system-exit-inside-action", "-Dexitguard.deadline=20s");

        // System.exit(7) won the race to the JVM's shutdown; exit(4) after the actions can only wait.
        assertEquals(7, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "after-it", "flush", "close"),
                inPhaseOrder(child.journal()), child::describe);
        assertCountedAsFinished(child);
        // The process exits with the action's 7, not exit(4)'s code: the report says so.
        assertEquals("JVM_SHUTDOWN", reason(child).get("kind"), child::describe);
    }

    /** The journal with the lines of one phase sorted: after-it and flush run in the same phase, in either order. */
    private static List<String> inPhaseOrder(List<String> journal) {
        return journal.stream().sorted(java.util.Comparator.<String>comparingInt(
                line -> line.startsWith("drain") ? 0 : line.equals("close") ? 2 : 1).thenComparing(line -> line)).toList();
    }

    private static void assertCountedAsFinished(Child child) {
        List<Object> actions = JsonReader.array(child.report().get("actions"));
        Map<String, Object> caller = actions.stream().map(JsonReader::object)
                .filter(a -> a.get("name").equals("calls-system-exit")).findFirst().orElseThrow();
        assertEquals("SUCCEEDED", caller.get("outcome"), child::describe);
        assertEquals("called System.exit; counted as finished so that the rest of the exit goes on",
                caller.get("detail"), child::describe);
    }

    /**
     * The exit runs from the JVM's shutdown hook, so the action's thread is stuck in System.exit
     * from the start: it counts as finished at once (the deadline is far away: had the exit waited
     * for it, it would be reported timed out), the action after it runs, and the process keeps the
     * status that reached the JVM first.
     */
    @Test
    void systemExitInsideAnActionOfAnExitSystemExitBeganCountsAsFinishedAtOnce() throws Exception {
        Child child = run("system-exit-inside-action-after-system-exit", "-Dexitguard.deadline=40s");

        assertEquals(3, child.exitCode(), child::describe);
        assertEquals(List.of("drain JVM_SHUTDOWN", "after-it", "flush", "close"),
                inPhaseOrder(child.journal()), child::describe);
        assertCountedAsFinished(child);
    }

    /** Main returning gives the JVM no status, and the action's System.exit(7) must not set one after the hooks. */
    @Test
    void systemExitInsideAnActionOfAnExitMainsReturnBeganLeavesTheStatus0() throws Exception {
        for (int run = 0; run < 3; run++) {
            Child child = run("system-exit-inside-action-after-main-returns", "-Dexitguard.deadline=40s");

            assertEquals(0, child.exitCode(), child::describe);
            assertEquals(List.of("drain JVM_SHUTDOWN", "after-it", "flush", "close"),
                    inPhaseOrder(child.journal()), child::describe);
            assertCountedAsFinished(child);
            Files.delete(folder.resolve("system-exit-inside-action-after-main-returns.journal"));
        }
    }

    /**
     * The command's exit codes are the ones its Javadoc promises: 0 with the plan, 1 for an
     * invalid configuration, 2 for a bad argument.
     */
    @Test
    void thePlanCommandExitsWithTheCodesItPromises() throws Exception {
        String command = PrintExitPlan.class.getName();
        Child plan = java("plan", List.of("-Dexitguard.deadline=20s"), command, "--json");
        Child invalid = java("plan-invalid", List.of("-Dexitguard.deadline=banana"), command);
        Child unknown = java("plan-unknown", List.of(), command, "--yaml");

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
        Child child = run("hung-hook", "-Dexitguard.deadline=1s", "-Dexitguard.haltGrace=1s");

        assertEquals(4, child.exitCode(), child::describe);
        assertTrue(child.journal().contains("other library's hook hangs"), child::describe);
        assertTrue(child.stderr().contains("exitguard: the exit (PROGRAMMATIC ExitGuard.exit(4) (exit code 4)) outlived"
                + " its deadline (1s) plus the halt grace (1s); halting with exit code 4"), child::describe);
        List<Object> actions = JsonReader.array(child.report().get("actions"));
        Map<String, Object> hung = actions.stream().map(JsonReader::object)
                .filter(a -> a.get("name").equals("hung")).findFirst().orElseThrow();
        assertEquals("TIMED_OUT", hung.get("outcome"), child::describe);
        assertTrue(((String) hung.get("stack")).contains("java.lang.Thread.sleep"), child::describe);
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
        Child child = run("guard-exit", "--limit-modules", "java.base,java.logging",
                "-Xlog:class+load=info:file=" + classes);

        assertEquals(4, child.exitCode(), child::describe);
        assertEquals(List.of("drain PROGRAMMATIC", "flush", "close"), child.journal(), child::describe);
        assertEquals(Map.of("SUCCEEDED", 3.0, "FAILED", 0.0, "TIMED_OUT", 0.0, "SKIPPED", 0.0),
                child.report().get("counts"), child::describe);
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
        Child child = run("guard-exit", "-Xlog:class+load=info:file=" + classes);

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
        Child child = run("guard-exit", "-XX:StartFlightRecording:dumponexit=true,filename=" + recording);

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
