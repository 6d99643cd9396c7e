package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.testkit.JsonReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The report as JSON and as a table: valid whatever the names, and saying what DESIGN.md promises. */
class ReportTest {

    private static ExitReport report(String name, Outcome outcome) {
        return new ExitReport(ExitReason.signal("TERM", 15), Instant.parse("2026-01-02T03:04:05Z"),
                Duration.ofNanos(12_500_000), Duration.ofSeconds(25), List.of(
                new ActionReport(name, 1000, outcome, Duration.ofNanos(100_000), Duration.ofNanos(3_100_000),
                        outcome == Outcome.FAILED ? Optional.of(new IllegalStateException("disk \"full\"")) : Optional.empty(),
                        outcome == Outcome.TIMED_OUT ? Optional.of("\tat x.y(Z.java:1)\n\tat a.b(C.java:2)") : Optional.empty(),
                        outcome == Outcome.TIMED_OUT ? "ran past its timeout of 1s and was interrupted" : "")));
    }

    @Test
    void jsonHoldsWhatDesignPromises() {
        Map<String, Object> json = JsonReader.object(JsonReader.read(report("flush", Outcome.FAILED).toJson()));

        assertEquals(Map.of("kind", "SIGNAL", "detail", "TERM", "exitCode", 143.0), json.get("reason"));
        assertEquals(12.5, json.get("durationMillis"));
        assertEquals(25000.0, json.get("deadlineMillis"));
        assertEquals("2026-01-02T03:04:05Z", json.get("startedAt"));
        Map<String, Object> action = JsonReader.object(JsonReader.array(json.get("actions")).get(0));
        assertEquals(Map.of("name", "flush", "phase", 1000.0, "phaseName", "RELEASE", "outcome", "FAILED",
                "startMillis", 0.1, "durationMillis", 3.1, "error", "java.lang.IllegalStateException: disk \"full\""),
                action);
    }

    @Test
    void aTimedOutActionCarriesItsStackAndWhy() {
        Map<String, Object> action = JsonReader.object(JsonReader.array(
                JsonReader.object(JsonReader.read(report("stuck", Outcome.TIMED_OUT).toJson())).get("actions")).get(0));

        assertEquals("\tat x.y(Z.java:1)\n\tat a.b(C.java:2)", action.get("stack"));
        assertEquals("ran past its timeout of 1s and was interrupted", action.get("detail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"quote\"d", "back\\slash", "new\nline", "tab\there", "nul\u0000", "bell\u0007",
            "emoji \uD83D\uDE00", "lone \uD800 high", "lone \uDC00 low", "line\u2028sep", "ünïcödé", "</script>"})
    void oddNamesKeepTheJsonValidAndReadBackTheSame(String name) {
        String json = report(name, Outcome.SUCCEEDED).toJson();

        Map<String, Object> action = JsonReader.object(JsonReader.array(JsonReader.object(JsonReader.read(json))
                .get("actions")).get(0));
        assertEquals(name, action.get("name"));
        assertTrue(json.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no raw control character in " + json);
    }

    @Test
    void aJvmShutdownHasANullExitCodeAndASkippedActionNoStart() {
        ExitReport report = new ExitReport(ExitReason.jvmShutdown("System.exit"), Instant.EPOCH, Duration.ZERO,
                Duration.ofSeconds(1), List.of(new ActionReport("later", 0, Outcome.SKIPPED, Duration.ZERO, Duration.ZERO,
                Optional.empty(), Optional.empty(), "not started")));

        Map<String, Object> json = JsonReader.object(JsonReader.read(report.toJson()));

        Map<String, Object> reason = JsonReader.object(json.get("reason"));
        assertTrue(reason.containsKey("exitCode") && reason.get("exitCode") == null);
        Map<String, Object> action = JsonReader.object(JsonReader.array(json.get("actions")).get(0));
        assertTrue(!action.containsKey("startMillis"), action::toString);
        assertEquals(Map.of("SUCCEEDED", 0.0, "FAILED", 0.0, "TIMED_OUT", 0.0, "SKIPPED", 1.0), json.get("counts"));
    }

    @Test
    void theTableSaysWhatHappenedAtAGlance() {
        String table = report("stuck", Outcome.TIMED_OUT).toTable();

        assertEquals(String.join("\n",
                "exit (SIGNAL TERM (exit code 143)) took 12.5 ms of its 25s deadline; 1 action: 1 timed out",
                "  phase    action  outcome     start ms    time ms",
                "  RELEASE  stuck   TIMED_OUT        0.1        3.1  ran past its timeout of 1s and was interrupted",
                "  [stuck] was at:",
                "\tat x.y(Z.java:1)",
                "\tat a.b(C.java:2)"), table);
    }

    @Test
    void aReportWithAFailureHasNotAllSucceededAndCountsIt() {
        ExitReport report = report("flush", Outcome.FAILED);

        assertEquals(false, report.allSucceeded());
        assertEquals(1, report.count(Outcome.FAILED));
        assertEquals(0, report.count(Outcome.SUCCEEDED));
        assertEquals(report.toTable(), report.toString());
        assertEquals("RELEASE", report.actions().get(0).phaseName());
        assertEquals(java.util.Optional.empty(), report.action("absent"));
        assertEquals(java.util.Optional.empty(), report.outcome("absent"));
    }

    @Test
    void aReportOfSeveralActionsIsValidJsonWithEveryAction() {
        List<ActionReport> actions = new java.util.ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            actions.add(report(outcome.name().toLowerCase(java.util.Locale.ROOT), outcome).actions().get(0));
        }
        ExitReport report = new ExitReport(ExitReason.programmatic(1), Instant.EPOCH, Duration.ofMillis(2),
                Duration.ofSeconds(1), actions);

        Map<String, Object> json = JsonReader.object(JsonReader.read(report.toJson()));

        assertEquals(List.of("succeeded", "failed", "timed_out", "skipped"), JsonReader.array(json.get("actions")).stream()
                .map(a -> JsonReader.object(a).get("name")).toList());
        assertEquals(Map.of("SUCCEEDED", 1.0, "FAILED", 1.0, "TIMED_OUT", 1.0, "SKIPPED", 1.0), json.get("counts"));
        assertEquals(0.1, JsonReader.object(JsonReader.array(json.get("actions")).get(0)).get("startMillis"));
    }

    @Test
    void anEmptyExitIsOneLine() {
        ExitReport report = new ExitReport(ExitReason.programmatic(0), Instant.EPOCH, Duration.ofMillis(1),
                Duration.ofSeconds(25), List.of());

        assertEquals("exit (PROGRAMMATIC exit(0) (exit code 0)) took 1 ms of its 25s deadline; 0 actions", report.toTable());
        assertTrue(report.toJson().endsWith("},\n  \"actions\": []\n}\n"), report::toJson);
        assertEquals(List.of(), JsonReader.array(JsonReader.object(JsonReader.read(report.toJson())).get("actions")));
    }
}
