package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.testkit.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's way out cannot be stopped by what it carries or whom it is handed to: a failure
 * whose own methods throw, a listener that throws an {@link Error}. (A logging backend that fails
 * is in {@link ExitGuardTest}.)
 */
class PublicationTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final RecordingTerminator terminator = new RecordingTerminator();

    @TempDir
    Path folder;

    @AfterEach
    void uninstall() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    @Test
    void aFailureThatCannotBePrintedIsRecordedAndTheReportStillGoesEverywhere() throws Exception {
        Path file = folder.resolve("report.json");
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                .action(action("unprintable", 0, c -> {
                    throw new FailuresTest.NothingWorks();
                }))
                .action(noop("next", 0, "unprintable"))
                .action(noop("release", ExitPhase.RELEASE))
                .onReport(report -> seen.add(report.toTable()))
                .build();

        try (CapturedLog log = new CapturedLog()) {
            guard.exit(3);

            String expected = FailuresTest.NothingWorks.class.getName() + " (its toString() threw"
                    + " java.lang.UnsupportedOperationException, and its getMessage() threw"
                    + " java.lang.IllegalStateException)";
            ExitReport report = guard.report().orElseThrow();
            assertEquals(Outcome.FAILED, report.outcome("unprintable").orElseThrow());
            assertEquals(expected, report.action("unprintable").orElseThrow().error().orElseThrow());
            assertEquals(Outcome.SUCCEEDED, report.outcome("next").orElseThrow());
            assertEquals(Outcome.SUCCEEDED, report.outcome("release").orElseThrow());
            assertTrue(log.warnings().get(0).contains("unprintable  FAILED"), log.warnings()::toString);
            assertTrue(log.warnings().get(0).contains(expected), log.warnings()::toString);
            assertEquals(1, seen.size());
            Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(file)));
            assertEquals(expected, JsonReader.object(JsonReader.array(json.get("actions")).get(0)).get("error"));
            assertEquals(List.of("exit 3"), terminator.calls);
        }
    }

    /** As a JUnit assertion failing inside a listener does. */
    @Test
    void aListenerThatThrowsAnErrorIsReportedAndTheOtherListenersAndTheExitGoOn() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .action(noop("ok", 0))
                .onReport(report -> {
                    throw new AssertionError("expected: <1> but was: <2>");
                })
                .onReport(report -> {
                    throw new FailuresTest.NothingWorks();
                })
                .onReport(report -> seen.add("third listener, report out: " + report.allSucceeded()))
                .build();

        try (CapturedLog log = new CapturedLog()) {
            guard.exit(4);

            assertEquals(List.of("third listener, report out: true"), seen);
            assertEquals(2, log.warnings().size(), log.warnings()::toString);
            assertTrue(log.warnings().get(0).startsWith("an exit report listener failed: java.lang.AssertionError:"
                    + " expected: <1> but was: <2> (at dev.exitguard.core.PublicationTest.lambda$"),
                    log.warnings()::toString);
            assertTrue(log.warnings().get(1).startsWith("an exit report listener failed: "
                    + FailuresTest.NothingWorks.class.getName() + " (its toString() threw"), log.warnings()::toString);
            assertTrue(guard.report().isPresent(), "the report is out");
            assertEquals(List.of("exit 4"), terminator.calls);
        }
    }

    @Test
    void runActionsReturnsTheReportEvenWhenEveryListenerFails() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(noop("ok", 0))
                .onReport(report -> {
                    throw new OutOfMemoryError("pretend");
                })
                .build();

        try (CapturedLog log = new CapturedLog()) {
            ExitReport report = guard.runActions(TERM);

            assertTrue(report.allSucceeded());
            assertEquals(report, guard.report().orElseThrow());
            assertEquals(1, log.warnings().size(), log.warnings()::toString);
        }
    }
}
