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
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Durations and system properties: what reads, what does not, and the words that say why. */
class GuardSettingsTest {

    private static final GuardSettings.Requested NOTHING = new GuardSettings.Requested(null, null, null, null, null, null, null);

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
        Problems problems = new Problems();
        GuardSettings.resolve(NOTHING, Map.of("exitguard.deadline", "", "exitguard.report", " ")::get, problems);

        assertEquals(List.of("exitguard.deadline: the value is empty (examples: 25s, 500ms, PT25S)",
                "exitguard.report: the value is empty; give a file path for the JSON report, or leave it unset"),
                problems.messages());
    }

    @Test
    void defaultsApplyWhenNothingIsSaid() {
        Problems problems = new Problems();
        GuardSettings settings = GuardSettings.resolve(NOTHING, name -> null, problems);

        assertEquals(List.of(), problems.messages());
        assertEquals(new GuardSettings(Duration.ofSeconds(25), Duration.ofSeconds(5), Optional.empty(), Optional.empty(),
                true, Duration.ofMillis(250), false), settings);
    }

    @Test
    void propertiesOverrideTheBuilder() {
        GuardSettings.Requested requested = new GuardSettings.Requested(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Path.of("built.json"), true, Duration.ofMillis(10), false);
        Problems problems = new Problems();
        GuardSettings settings = GuardSettings.resolve(requested, Map.of(
                "exitguard.deadline", "3s", "exitguard.haltGrace", "0s", "exitguard.actionTimeout", "PT1S",
                "exitguard.report", "prop.json", "exitguard.secondSignal", "IGNORE",
                "exitguard.duplicateSignalWindow", "1s", "exitguard.plan", "true")::get, problems);

        assertEquals(List.of(), problems.messages());
        assertEquals(new GuardSettings(Duration.ofSeconds(3), Duration.ZERO, Optional.of(Duration.ofSeconds(1)),
                Optional.of(Path.of("prop.json")), false, Duration.ofSeconds(1), true), settings);
    }

    @Test
    void theBuilderAppliesWhereNoPropertyIsSet() {
        GuardSettings.Requested requested = new GuardSettings.Requested(Duration.ofSeconds(10), null, null, Path.of("built.json"),
                false, null, true);
        GuardSettings settings = GuardSettings.resolve(requested, name -> null, new Problems());

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

    /**
     * Every property, with every kind of bad value: each fails the install with one problem that
     * names the property and the value as given.
     */
    @ParameterizedTest(name = "{0}=[{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "exitguard.deadline||exitguard.deadline: the value is empty (examples: 25s, 500ms, PT25S)",
            "exitguard.deadline|   |exitguard.deadline: the value is empty (examples: 25s, 500ms, PT25S)",
            "exitguard.deadline|0s|exitguard.deadline: must be positive, but was [0s]",
            "exitguard.deadline|-PT1S|exitguard.deadline: must not be negative, but was -1s",
            "exitguard.deadline|25|exitguard.deadline: [25] has no unit; say which (examples: 25s, 500ms, PT25S)",
            "exitguard.deadline|PT9999999999999999999S|exitguard.deadline: cannot read [PT9999999999999999999S] as a duration (examples: 25s, 500ms, PT25S)",
            "exitguard.haltGrace||exitguard.haltGrace: the value is empty (examples: 25s, 500ms, PT25S)",
            "exitguard.haltGrace|-1ms|exitguard.haltGrace: cannot read [-1ms] as a duration (examples: 25s, 500ms, PT25S)",
            "exitguard.haltGrace|-PT0.001S|exitguard.haltGrace: must not be negative, but was -1ms",
            "exitguard.haltGrace|5|exitguard.haltGrace: [5] has no unit; say which (examples: 25s, 500ms, PT25S)",
            "exitguard.haltGrace|999999999999999999h|exitguard.haltGrace: [999999999999999999h] is too long",
            "exitguard.haltGrace|5 seconds|exitguard.haltGrace: cannot read [5 seconds] as a duration (examples: 25s, 500ms, PT25S)",
            "exitguard.actionTimeout||exitguard.actionTimeout: the value is empty (examples: 25s, 500ms, PT25S)",
            "exitguard.actionTimeout|0ms|exitguard.actionTimeout: must be positive, but was [0ms]",
            "exitguard.actionTimeout|-2s|exitguard.actionTimeout: cannot read [-2s] as a duration (examples: 25s, 500ms, PT25S)",
            "exitguard.actionTimeout|1000|exitguard.actionTimeout: [1000] has no unit; say which (examples: 25s, 500ms, PT25S)",
            "exitguard.actionTimeout|999999999999999999us|exitguard.actionTimeout: [999999999999999999us] is too long",
            "exitguard.actionTimeout|86400001ms|exitguard.actionTimeout: must be at most 24h, but was 86400001ms",
            "exitguard.duplicateSignalWindow||exitguard.duplicateSignalWindow: the value is empty (examples: 25s, 500ms, PT25S)",
            "exitguard.duplicateSignalWindow|-PT1S|exitguard.duplicateSignalWindow: must not be negative, but was -1s",
            "exitguard.duplicateSignalWindow|250|exitguard.duplicateSignalWindow: [250] has no unit; say which (examples: 25s, 500ms, PT25S)",
            "exitguard.duplicateSignalWindow|999999999999999999m|exitguard.duplicateSignalWindow: [999999999999999999m] is too long",
            "exitguard.duplicateSignalWindow|1,5s|exitguard.duplicateSignalWindow: cannot read [1,5s] as a duration (examples: 25s, 500ms, PT25S)",
            "exitguard.report||exitguard.report: the value is empty; give a file path for the JSON report, or leave it unset",
            "exitguard.report|\t|exitguard.report: the value is empty; give a file path for the JSON report, or leave it unset",
            "exitguard.secondSignal||exitguard.secondSignal: [] is neither halt nor ignore",
            "exitguard.secondSignal|-1|exitguard.secondSignal: [-1] is neither halt nor ignore",
            "exitguard.secondSignal|halt,ignore|exitguard.secondSignal: [halt,ignore] is neither halt nor ignore",
            "exitguard.plan||exitguard.plan: [] is neither true nor false",
            "exitguard.plan|1|exitguard.plan: [1] is neither true nor false",
            "exitguard.plan|-1|exitguard.plan: [-1] is neither true nor false"})
    void everyPropertyRefusesEveryKindOfBadValueNamingItself(String property, String value, String message) {
        String given = value == null ? "" : value.replace("\\t", "\t");
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(new RecordingTerminator(), Map.of(property, given)).build());

        assertEquals(List.of(message), e.problems());
    }

    /** A value of a megabyte is refused like any other, and the message still names the property first. */
    @ParameterizedTest
    @ValueSource(strings = {"exitguard.deadline", "exitguard.haltGrace", "exitguard.actionTimeout",
            "exitguard.duplicateSignalWindow", "exitguard.secondSignal", "exitguard.plan"})
    void aHugeValueIsRefusedNamingTheProperty(String property) {
        String huge = "9".repeat(1 << 20) + "x";

        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(new RecordingTerminator(), Map.of(property, huge)).build());

        assertEquals(1, e.problems().size());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith(property + ": ") && problem.contains("[999"), () -> problem.substring(0, 80));
    }

    @Test
    void aReportPathTheFileSystemCannotNameIsRefused() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(new RecordingTerminator(), Map.of("exitguard.report", "exit\u0000.json")).build());

        assertEquals(List.of("exitguard.report: [exit\u0000.json] is not a valid path: Nul character not allowed"),
                e.problems());
    }

    /** A bad property fails the install, but what it resolves to meanwhile is still what the builder said. */
    @Test
    void aBadPropertyLeavesTheBuildersValue() {
        GuardSettings.Requested requested = new GuardSettings.Requested(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Path.of("built.json"), false, Duration.ofMillis(10), true);
        Problems problems = new Problems();

        GuardSettings settings = GuardSettings.resolve(requested, Map.of(
                "exitguard.deadline", "x", "exitguard.haltGrace", "x", "exitguard.actionTimeout", "x",
                "exitguard.report", " ", "exitguard.secondSignal", "x", "exitguard.duplicateSignalWindow", "x",
                "exitguard.plan", "x")::get, problems);
        GuardSettings unnameable = GuardSettings.resolve(requested, Map.of("exitguard.report", "a\u0000b")::get, problems);

        assertEquals(8, problems.size(), problems.messages()::toString);
        assertEquals(new GuardSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), Optional.of(Duration.ofSeconds(2)),
                Optional.of(Path.of("built.json")), false, Duration.ofMillis(10), true), settings);
        assertEquals(Optional.of(Path.of("built.json")), unnameable.reportFile());
    }

    @Test
    void aBadPropertyWithNothingFromTheBuilderLeavesTheDefault() {
        Problems problems = new Problems();

        GuardSettings settings = GuardSettings.resolve(NOTHING, Map.of("exitguard.deadline", "x", "exitguard.secondSignal", "x",
                "exitguard.plan", "x", "exitguard.report", "")::get, problems);

        assertEquals(4, problems.size(), problems.messages()::toString);
        assertEquals(new GuardSettings(Duration.ofSeconds(25), Duration.ofSeconds(5), Optional.empty(), Optional.empty(),
                true, Duration.ofMillis(250), false), settings);
    }

    @ParameterizedTest
    @CsvSource({"halt, true, false", " Halt , true, false", "ignore, false, true", "IGNORE, false, true"})
    void theSecondSignalPropertyOverridesTheBuilder(String value, boolean halts, boolean requested) {
        GuardSettings.Requested asked = new GuardSettings.Requested(null, null, null, null, requested, null, null);

        assertEquals(halts, GuardSettings.resolve(asked, Map.of("exitguard.secondSignal", value)::get, new Problems())
                .haltOnSecondSignal());
    }

    @ParameterizedTest
    @CsvSource({"true, true, false", "' TRUE', true, false", "false, false, true", "False, false, true"})
    void thePlanPropertyOverridesTheBuilder(String value, boolean logs, boolean requested) {
        GuardSettings.Requested asked = new GuardSettings.Requested(null, null, null, null, null, null, requested);

        assertEquals(logs, GuardSettings.resolve(asked, Map.of("exitguard.plan", value)::get, new Problems()).logPlan());
    }

    @ParameterizedTest
    @CsvSource({"PT1H, 1h", "PT2H, 2h", "PT61M, 61m", "PT60S, 1m", "PT61S, 1m1s", "PT59S, 59s", "PT3601S, 60m1s",
            "PT1M0.5S, 60500ms"})
    void durationsPrintInTheLargestUnitThatIsExact(String duration, String text) {
        assertEquals(text, Durations.format(Duration.parse(duration)));
    }

    @Test
    void millisOfADurationTooLongForNanosecondsStillPrint() {
        assertEquals("31536000000000", Durations.millis(Duration.ofDays(365_000)));
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
