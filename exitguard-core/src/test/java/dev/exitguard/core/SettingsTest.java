package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Durations and system properties: what reads, what does not, and the words that say why. */
class SettingsTest {

    private static final Settings.Requested NOTHING = new Settings.Requested(null, null, null, null, null, null, null);

    @ParameterizedTest
    @CsvSource({"25s, PT25S", "500ms, PT0.5S", "PT25S, PT25S", "2m, PT2M", "1h, PT1H", "250us, PT0.00025S",
            "7ns, PT0.000000007S", "' 3 s ', PT3S", "1d, PT24H", "0ms, PT0S", "pt1m, PT1M"})
    void durationsRead(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse("x", text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "banana|exitguard.deadline: cannot read [banana] as a duration (examples: 25s, 500ms, PT25S)",
            "25|exitguard.deadline: [25] has no unit; say which (examples: 25s, 500ms, PT25S)",
            "-5s|exitguard.deadline: cannot read [-5s] as a duration (examples: 25s, 500ms, PT25S)",
            "-PT5S|exitguard.deadline: must not be negative, but was -5s",
            "2d|exitguard.deadline: must be at most 24h, but was 48h",
            "99999999999999999999s|exitguard.deadline: cannot read [99999999999999999999s] as a duration (examples: 25s, 500ms, PT25S)",
            "999999999999999999d|exitguard.deadline: [999999999999999999d] is too long",
            "PT|exitguard.deadline: cannot read [PT] as a duration (examples: 25s, 500ms, PT25S)",
            "5 sec|exitguard.deadline: cannot read [5 sec] as a duration (examples: 25s, 500ms, PT25S)",
            "1.5s|exitguard.deadline: cannot read [1.5s] as a duration (examples: 25s, 500ms, PT25S)"})
    void badDurationsNameThePropertyAndTheValue(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("exitguard.deadline", text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void anEmptyValueIsAnError() {
        List<String> problems = new ArrayList<>();
        Settings.resolve(NOTHING, Map.of("exitguard.deadline", "", "exitguard.report", " ")::get, problems);

        assertEquals(List.of("exitguard.deadline: the value is empty (examples: 25s, 500ms, PT25S)",
                "exitguard.report: the value is empty; give a file path for the JSON report, or leave it unset"),
                problems);
    }

    @Test
    void defaultsApplyWhenNothingIsSaid() {
        List<String> problems = new ArrayList<>();
        Settings settings = Settings.resolve(NOTHING, name -> null, problems);

        assertEquals(List.of(), problems);
        assertEquals(new Settings(Duration.ofSeconds(25), Duration.ofSeconds(5), Optional.empty(), Optional.empty(),
                true, Duration.ofMillis(250), false), settings);
    }

    @Test
    void propertiesOverrideTheBuilder() {
        Settings.Requested requested = new Settings.Requested(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Path.of("built.json"), true, Duration.ofMillis(10), false);
        List<String> problems = new ArrayList<>();
        Settings settings = Settings.resolve(requested, Map.of(
                "exitguard.deadline", "3s", "exitguard.haltGrace", "0s", "exitguard.actionTimeout", "PT1S",
                "exitguard.report", "prop.json", "exitguard.secondSignal", "IGNORE",
                "exitguard.duplicateSignalWindow", "1s", "exitguard.plan", "true")::get, problems);

        assertEquals(List.of(), problems);
        assertEquals(new Settings(Duration.ofSeconds(3), Duration.ZERO, Optional.of(Duration.ofSeconds(1)),
                Optional.of(Path.of("prop.json")), false, Duration.ofSeconds(1), true), settings);
    }

    @Test
    void theBuilderAppliesWhereNoPropertyIsSet() {
        Settings.Requested requested = new Settings.Requested(Duration.ofSeconds(10), null, null, Path.of("built.json"),
                false, null, true);
        Settings settings = Settings.resolve(requested, name -> null, new ArrayList<>());

        assertEquals(Duration.ofSeconds(10), settings.deadline());
        assertEquals(Optional.of(Path.of("built.json")), settings.reportFile());
        assertEquals(false, settings.haltOnSecondSignal());
        assertEquals(true, settings.logPlan());
    }

    @Test
    void everyBadPropertyIsReportedAtInstallNamingIt() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(new RecordingTerminator(), Map.of(
                        "exitguard.deadline", "0s", "exitguard.haltGrace", "-1s", "exitguard.actionTimeout", "soon",
                        "exitguard.secondSignal", "explode", "exitguard.plan", "yes",
                        "exitguard.duplicateSignalWindow", "100")).build());

        assertEquals(List.of(
                "exitguard.deadline: must be positive, but was [0s]",
                "exitguard.haltGrace: cannot read [-1s] as a duration (examples: 25s, 500ms, PT25S)",
                "exitguard.actionTimeout: cannot read [soon] as a duration (examples: 25s, 500ms, PT25S)",
                "exitguard.duplicateSignalWindow: [100] has no unit; say which (examples: 25s, 500ms, PT25S)",
                "exitguard.secondSignal: [explode] is neither halt nor ignore",
                "exitguard.plan: [yes] is neither true nor false"), e.problems());
    }

    @Test
    void theBuilderRefusesBadDurationsAtOnce() {
        ExitGuard.Builder builder = ExitGuard.builder();

        assertEquals("deadline: must be positive, but was 0s",
                assertThrows(IllegalArgumentException.class, () -> builder.deadline(Duration.ZERO)).getMessage());
        assertEquals("haltGrace: must not be negative, but was -1ms",
                assertThrows(IllegalArgumentException.class, () -> builder.haltGrace(Duration.ofMillis(-1))).getMessage());
        assertEquals("actionTimeout: must be at most 24h, but was 25h",
                assertThrows(IllegalArgumentException.class, () -> builder.actionTimeout(Duration.ofHours(25))).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"PT25S, 25s", "PT0.5S, 500ms", "PT90S, 1m30s", "PT2M, 2m", "PT1H, 1h", "PT0.0125S, 12.5ms",
            "PT1.5S, 1500ms", "PT-1S, -1s", "PT0S, 0ms"})
    void durationsPrintShort(String duration, String text) {
        assertEquals(text, Durations.format(Duration.parse(duration)));
    }

    @ParameterizedTest
    @CsvSource({"PT0.0125S, 12.5", "PT3S, 3000", "PT0.000001S, 0.001", "PT0.0000009S, 0", "PT0.1234567S, 123.456"})
    void millisPrintWithADotAndNoTrailingZeros(String duration, String text) {
        assertEquals(text, Durations.millis(Duration.parse(duration)));
    }

    @Test
    void millisUseADotWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertTrue(Durations.millis(Duration.ofNanos(1_500_000)).equals("1.5"));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
