package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public face of the duration format: compound values, their errors, and that the properties
 * read exactly what {@link Durations#parse(String)} reads.
 */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({"1m30s, PT1M30S", "1h30m, PT1H30M", "1h 30m, PT1H30M", "2s250ms, PT2.25S", "1M30S, PT1M30S",
            "1d0h, PT24H", "1h1m1s1ms1us1ns, PT1H1M1.001001001S", "' 1m 30 s ', PT1M30S", "0m0s, PT0S",
            "90s, PT1M30S", "25s, PT25S", "PT1M30S, PT1M30S"})
    void compoundAndSingleValuesRead(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "30s1m|[30s1m] repeats a unit or puts a smaller one first; write the largest first, as in 1m30s",
            "1m1m|[1m1m] repeats a unit or puts a smaller one first; write the largest first, as in 1m30s",
            "500ms1s|[500ms1s] repeats a unit or puts a smaller one first; write the largest first, as in 1m30s",
            "1m30|cannot read [1m30] as a duration (examples: 25s, 500ms, PT25S)",
            "1m-30s|cannot read [1m-30s] as a duration (examples: 25s, 500ms, PT25S)",
            "1m,30s|cannot read [1m,30s] as a duration (examples: 25s, 500ms, PT25S)",
            "m30s|cannot read [m30s] as a duration (examples: 25s, 500ms, PT25S)",
            "90|[90] has no unit; say which (examples: 25s, 500ms, PT25S)",
            "1d1s|must be at most 24h, but was 1440m1s",
            "-PT1S|must not be negative, but was -1s",
            "999999999999999999d1s|[999999999999999999d1s] is too long",
            "106751991167300d999999h|[106751991167300d999999h] is too long"})
    void badValuesSayWhatIsWrongAndQuoteTheText(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void anEmptyValueIsNamedAsSuch() {
        assertEquals("the value is empty (examples: 25s, 500ms, PT25S)",
                assertThrows(IllegalArgumentException.class, () -> Durations.parse("  ")).getMessage());
    }

    @Test
    void nullIsRefusedByName() {
        assertEquals("text", assertThrows(NullPointerException.class, () -> Durations.parse(null)).getMessage());
        new NullPointerTester().testAllPublicStaticMethods(Durations.class);
    }

    @Test
    void thePropertiesReadCompoundValuesAndNameThePropertyWhenOneIsBad() {
        Problems problems = new Problems();
        GuardSettings settings = GuardSettings.resolve(new GuardSettings.Requested(null, null, null, null, null, null, null), Map.of(
                GuardSettings.DEADLINE, "1m30s", GuardSettings.HALT_GRACE, "2s500ms", GuardSettings.ACTION_TIMEOUT, "10s1m")::get,
                problems);

        assertEquals(List.of("exitguard.actionTimeout: [10s1m] repeats a unit or puts a smaller one first;"
                + " write the largest first, as in 1m30s"), problems.messages());
        assertEquals(Duration.ofSeconds(90), settings.deadline());
        assertEquals(Duration.ofMillis(2500), settings.haltGrace());
    }

    @Test
    void whatFormatWritesReadsBackAsTheSameDuration() {
        for (Duration duration : List.of(Duration.ofSeconds(90), Duration.ofSeconds(3661), Duration.ofMinutes(90),
                Duration.ofMillis(500), Duration.ofHours(24), Duration.ofSeconds(25))) {
            assertEquals(duration, Durations.parse(Durations.format(duration)), () -> Durations.format(duration));
        }
    }
}
