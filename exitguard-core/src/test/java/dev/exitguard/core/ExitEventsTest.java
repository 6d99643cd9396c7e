package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR events of an exit, recorded in this JVM and read back with {@code jdk.jfr.consumer}:
 * one per action with the report's outcome, one for the exit with its code and counts. (A real
 * SIGTERM to a child JVM with {@code -XX:StartFlightRecording} is in exitguard-tests; a runtime
 * without {@code jdk.jfr} is in {@link ChildJvmTest}.)
 */
class ExitEventsTest {

    private static final String ACTION_EVENT = "dev.exitguard.ExitAction";
    private static final String EXIT_EVENT = "dev.exitguard.Exit";

    @TempDir
    Path folder;

    @Test
    void anExitIsRecordedAsOneEventPerActionWithItsOutcomeAndOneForTheWhole() throws Exception {
        List<RecordedEvent> events;
        ExitReport report;
        try (Recording recording = new Recording()) {
            recording.enable(ACTION_EVENT);
            recording.enable(EXIT_EVENT);
            recording.start();
            assertSame(JfrExitEvents.INSTANCE, ExitEvents.current(), "the recorder runs now");

            report = Guards.isolated(new RecordingTerminator())
                    .phaseTimeout(ExitPhase.DRAIN, Duration.ofMillis(300))
                    .action(action("jfr-stuck", ExitPhase.DRAIN, c -> Thread.sleep(60_000)))
                    .action(noop("jfr-waits", ExitPhase.DRAIN, "jfr-stuck"))
                    .action(action("jfr-fails", ExitPhase.DEFAULT, c -> {
                        throw new IllegalStateException("disk full");
                    }))
                    .action(action("jfr-works", ExitPhase.RELEASE, c -> Thread.sleep(20)))
                    .build()
                    .runActions(ExitReason.signal("TERM", 15));
            recording.stop();
            Path file = folder.resolve("exit.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }

        Map<String, RecordedEvent> byAction = events.stream()
                .filter(e -> e.getEventType().getName().equals(ACTION_EVENT))
                .filter(e -> e.getString("name").startsWith("jfr-"))
                .collect(Collectors.toMap(e -> e.getString("name"), Function.identity()));
        assertEquals(4, byAction.size(), byAction::toString);
        for (ActionReport action : report.actions()) {
            RecordedEvent event = byAction.get(action.name());
            assertEquals(action.outcome().name(), event.getString("outcome"), event::toString);
            assertEquals(action.phase(), event.getInt("phase"), event::toString);
            assertEquals(action.phaseName(), event.getString("phaseName"), event::toString);
        }
        RecordedEvent works = byAction.get("jfr-works");
        assertTrue(works.getDuration().compareTo(Duration.ofMillis(20)) >= 0, works::toString);
        assertNotNull(works.getThread("thread"), works::toString);
        assertTrue(works.getString("detail").isEmpty(), works::toString);
        assertEquals("java.lang.IllegalStateException: disk full", byAction.get("jfr-fails").getString("detail"));
        RecordedEvent stuck = byAction.get("jfr-stuck");
        assertTrue(stuck.getString("detail").startsWith("still running when the budget of phase DRAIN"), stuck::toString);
        assertNotNull(stuck.getThread("thread"), stuck::toString);
        RecordedEvent waits = byAction.get("jfr-waits");
        assertNull(waits.getThread("thread"), "a skipped action never had a thread");
        assertEquals(Duration.ZERO, waits.getDuration());
        // The timeline: each action starts no earlier than the one it is after, and the phases follow each other.
        assertTrue(!byAction.get("jfr-fails").getStartTime().isBefore(stuck.getEndTime()), byAction::toString);
        assertTrue(!works.getStartTime().isBefore(byAction.get("jfr-fails").getEndTime()), byAction::toString);

        List<RecordedEvent> exits = events.stream().filter(e -> e.getEventType().getName().equals(EXIT_EVENT)).toList();
        assertEquals(1, exits.size(), exits::toString);
        RecordedEvent exit = exits.get(0);
        assertEquals("SIGNAL", exit.getString("reason"));
        assertEquals("TERM", exit.getString("detail"));
        assertEquals(143, exit.getInt("exitCode"));
        assertEquals(4, exit.getInt("actions"));
        assertEquals(1, exit.getInt("succeeded"));
        assertEquals(1, exit.getInt("failed"));
        assertEquals(1, exit.getInt("timedOut"));
        assertEquals(1, exit.getInt("skipped"));
        assertEquals(Duration.ofSeconds(25), exit.getDuration("deadline"));
        assertTrue(!exit.getStartTime().isAfter(stuck.getStartTime()) && !exit.getEndTime().isBefore(works.getEndTime()),
                exit::toString);
    }

    @Test
    void theRehearsalAtInstallRecordsNothing() throws Exception {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer"));
        List<RecordedEvent> events;
        try (Recording recording = new Recording()) {
            recording.enable(ACTION_EVENT);
            recording.enable(EXIT_EVENT);
            recording.start();
            Warmup.rehearse(Workers.shared(), timer);
            recording.stop();
            Path file = folder.resolve("warm-up.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        } finally {
            timer.shutdownNow();
        }

        assertEquals(List.of(), events.stream().filter(e -> e.getEventType().getName().startsWith("dev.exitguard."))
                .toList());
    }
}
