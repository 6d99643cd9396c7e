package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.exitguard.testkit.JsonReader;
import dev.exitguard.testkit.Stderr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a guard's exit: written as JSON, handed to listeners, logged, whatever fails on the way. */
class GuardReportTest extends GuardTest {

    @Test
    void theReportIsWrittenAsJsonAndAFailingListenerDoesNotStopTheOthers(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("report.json");
        @SuppressWarnings("unchecked")
        Consumer<ExitReport> listener = mock(Consumer.class);
        ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                .action(noop("ok", 0))
                .onReport(report -> {
                    throw new IllegalStateException("listener broke");
                })
                .onReport(listener)
                .build();

        ExitReport report;
        try (CapturedLog log = new CapturedLog()) {
            report = guard.runActions(TERM);

            assertEquals(1, log.warnings().size(), log.warnings()::toString);
            assertTrue(log.warnings().get(0).startsWith("an exit report listener failed:"
                    + " java.lang.IllegalStateException: listener broke (at dev.exitguard.core.GuardReportTest.lambda$"),
                    log.warnings()::toString);
        }

        verify(listener).accept(report);
        verifyNoMoreInteractions(listener);
        Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(file)));
        assertEquals(Map.of("kind", "SIGNAL", "detail", "TERM", "exitCode", 143.0), json.get("reason"));
        assertEquals("ok", JsonReader.object(JsonReader.array(json.get("actions")).get(0)).get("name"));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aReportFileInAMissingFolderIsAWarningAndTheExitStillCompletes(@TempDir Path folder) {
        Path file = folder.resolve("missing").resolve("report.json");
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                    .action(noop("ok", 0))
                    .build();
            assertEquals(List.of("exitguard.report: the folder " + file.getParent() + " of the report file does not"
                    + " exist; the report will not be written unless it is created before the exit"), log.warnings());

            ExitReport report = guard.runActions(TERM);

            assertTrue(report.allSucceeded());
            assertFalse(Files.exists(file));
            assertEquals(2, log.warnings().size(), log.warnings()::toString);
            assertTrue(log.warnings().get(1).startsWith("exitguard.report: could not write the exit report to " + file
                    + ": java.nio.file.NoSuchFileException: "), log.warnings()::toString);
        }
    }

    @Test
    void aLoggingBackendThatFailsCostsNeitherTheReportNorTheExit() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.exitguard");
        java.util.logging.Handler broken = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                throw new IllegalStateException("logging is closed");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = jul.getUseParentHandlers();
        jul.addHandler(broken);
        jul.setUseParentHandlers(false);
        String stderr;
        try {
            ExitGuard guard = Guards.isolated(terminator).action(noop("ok", 0)).build();
            stderr = Stderr.capture(() -> guard.exit(0));
        } finally {
            jul.removeHandler(broken);
            jul.setUseParentHandlers(parents);
        }

        assertTrue(stderr.startsWith("exitguard: could not log the exit report (java.lang.IllegalStateException:"
                + " logging is closed):\nexit (PROGRAMMATIC ExitGuard.exit(0) (exit code 0)) took "), stderr);
        assertEquals(List.of("exit 0"), terminator.calls);
    }
}
