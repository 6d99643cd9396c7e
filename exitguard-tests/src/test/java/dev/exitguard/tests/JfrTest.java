package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.ModuleApp;
import dev.exitguard.tests.apps.SignalApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exit shows in a flight recording: a child JVM started with
 * {@code -XX:StartFlightRecording:dumponexit=true} gets a real SIGTERM, and the file it leaves,
 * read with {@code jdk.jfr.consumer}, holds one {@code dev.exitguard.ExitAction} event per action
 * of the JSON report with that action's outcome, and one {@code dev.exitguard.Exit} event with the
 * exit's code and counts. On the class path and on the module path (where {@code jdk.jfr} is only
 * a static requirement of the core), on JDK 17 and 25; and a module path without {@code jdk.jfr}
 * at all still exits as usual.
 */
class JfrTest {

    private static final String ACTION_EVENT = "dev.exitguard.ExitAction";
    private static final String EXIT_EVENT = "dev.exitguard.Exit";

    @TempDir
    Path dir;

    private static ChildResult terminated(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal("TERM");
            return running.awaitExit();
        }
    }

    private ChildJvm recorded(ChildJvm child) {
        return child.flag("-XX:StartFlightRecording:dumponexit=true,filename=" + dir.resolve("exit.jfr"));
    }

    /**
     * One action cut off by the budget of its phase ({@code exitguard.phaseTimeout.DEFAULT=1s}),
     * the others succeeding: the events say so, action by action, as the report does.
     */
    @OnEachJdk
    void aRecordingDumpedAtExitHoldsEachActionWithItsOutcomeAndTheExitWithItsCode(Jdk jdk) throws Exception {
        ChildResult result = terminated(recorded(ChildJvm.onClassPath(jdk, SignalApp.class, dir))
                .property("app.hang", "sleep")
                .property("exitguard.phaseTimeout.DEFAULT", "1s"));

        assertEquals(143, result.exitCode(), result::describe);
        Report report = result.report();
        assertEquals("TIMED_OUT", report.action("hung").outcome(), result::describe);
        assertTrue(report.action("hung").detail().startsWith("still running when the budget of phase DEFAULT (1s)"),
                result::describe);
        assertTrue(report.action("release").outcome().equals("SUCCEEDED"), "the next phase ran\n" + result.describe());
        assertRecordingMatches(report, result);
    }

    @OnEachJdk
    void onTheModulePathTheRecordingHoldsTheExitToo(Jdk jdk) throws Exception {
        ChildResult result = terminated(recorded(
                ChildJvm.onModulePath(jdk, ModuleApp.modulePath(), ModuleApp.MODULE, ModuleApp.MAIN, dir)));

        assertEquals(143, result.exitCode(), result::describe);
        result.report().assertAll("SUCCEEDED");
        assertRecordingMatches(result.report(), result);
    }

    /**
     * {@code --limit-modules} leaves {@code jdk.jfr} out of the runtime, as a jlink image made
     * without it would: the exit runs as usual, and nothing of JFR was loaded.
     */
    @OnEachJdk
    void onAModulePathWithoutJfrTheExitRunsAsUsual(Jdk jdk) throws Exception {
        Path classes = dir.resolve("classes.log");
        ChildResult result = terminated(
                ChildJvm.onModulePath(jdk, ModuleApp.modulePath(), ModuleApp.MODULE, ModuleApp.MAIN, dir)
                        .flag("--limit-modules").flag(ModuleApp.MODULE + ",dev.exitguard.signals")
                        .flag("-Xlog:class+load=info:file=" + classes));

        assertEquals(143, result.exitCode(), result::describe);
        result.report().assertReason("SIGNAL", 143);
        result.report().assertAll("SUCCEEDED");
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" dev.exitguard.core.ExitEvents source:")),
                "the exit asked for its events\n" + result.describe());
        assertEquals(List.of(), loaded.stream().filter(line -> line.contains("jdk.jfr")
                || line.contains("dev.exitguard.core.JfrExitEvents")).toList(), result::describe);
    }

    /** One action event per action of the report, with its outcome and phase; one exit event with the code and counts. */
    private void assertRecordingMatches(Report report, ChildResult result) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(dir.resolve("exit.jfr"));
        Map<String, List<RecordedEvent>> byAction = events.stream()
                .filter(e -> e.getEventType().getName().equals(ACTION_EVENT))
                .collect(Collectors.groupingBy(e -> e.getString("name"), TreeMap::new, Collectors.toList()));
        assertEquals(new TreeMap<>(report.names().stream().collect(Collectors.toMap(n -> n, n -> 1))),
                new TreeMap<>(byAction.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().size()))), () -> "one event per action of the report\n" + result.describe());
        Map<String, Integer> counts = new HashMap<>();
        for (Report.Action action : report.actions()) {
            RecordedEvent event = byAction.get(action.name()).get(0);
            assertEquals(action.outcome(), event.getString("outcome"), () -> event + "\n" + result.describe());
            assertEquals(action.phase(), event.getInt("phase"), () -> event + "\n" + result.describe());
            counts.merge(action.outcome(), 1, Integer::sum);
        }
        List<RecordedEvent> exits = events.stream().filter(e -> e.getEventType().getName().equals(EXIT_EVENT)).toList();
        assertEquals(1, exits.size(), () -> exits + "\n" + result.describe());
        RecordedEvent exit = exits.get(0);
        assertEquals(143, exit.getInt("exitCode"), exit::toString);
        assertEquals("SIGNAL", exit.getString("reason"), exit::toString);
        assertEquals("TERM", exit.getString("detail"), exit::toString);
        assertEquals(report.actions().size(), exit.getInt("actions"), exit::toString);
        assertEquals(counts.getOrDefault("SUCCEEDED", 0), exit.getInt("succeeded"), exit::toString);
        assertEquals(counts.getOrDefault("TIMED_OUT", 0), exit.getInt("timedOut"), exit::toString);
        assertEquals(counts.getOrDefault("FAILED", 0), exit.getInt("failed"), exit::toString);
        assertEquals(counts.getOrDefault("SKIPPED", 0), exit.getInt("skipped"), exit::toString);
    }
}
