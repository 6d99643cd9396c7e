package dev.exitguard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoOptionsTest {

    private static DemoOptions parse(String... args) throws DemoOptions.BadOption {
        return DemoOptions.parse(List.of(args));
    }

    private static String error(String... args) {
        return assertThrows(DemoOptions.BadOption.class, () -> parse(args)).getMessage();
    }

    @Test
    void noArgumentsGiveTheDefaults() throws Exception {
        assertEquals(new DemoOptions(0, Optional.empty(), Optional.empty(), 4, Duration.ZERO, Duration.ofMillis(200),
                Optional.empty(), false), parse());
    }

    @Test
    void everyFlagIsRead() throws Exception {
        assertEquals(new DemoOptions(8080, Optional.of(Path.of("/tmp/j.log")), Optional.of(Duration.ofSeconds(3)), 8,
                Duration.ofMillis(500), Duration.ofMinutes(1), Optional.of(Path.of("report.json")), false),
                parse("--port", "8080", "--journal", "/tmp/j.log", "--exit-after", "3s", "--clients", "8",
                        "--pre-stop", "500ms", "--flush-every", "1m", "--report", "report.json"));
    }

    @Test
    void aLaterFlagOverridesAnEarlierOne() throws Exception {
        assertEquals(9, parse("--port", "8", "--port", "9").port());
    }

    @ParameterizedTest
    @CsvSource({"3s, PT3S", "500ms, PT0.5S", "2m, PT2M", "0ms, PT0S", "3S, PT3S", "10MS, PT0.01S",
            "999999999ms, PT277H46M39.999S"})
    void durationsAreReadInMillisecondsSecondsOrMinutes(String text, Duration expected) throws Exception {
        assertEquals(Optional.of(expected), parse("--exit-after", text).exitAfter());
    }

    @Test
    void helpWinsOverTheFlagsBeforeItAndIgnoresThoseAfter() throws Exception {
        assertTrue(parse("--help").help());
        assertTrue(parse("-h").help());
        assertTrue(parse("--port", "1", "--help", "--bogus").help());
        assertFalse(parse("--port", "1").help());
    }

    @Test
    void anErrorBeforeHelpIsStillAnError() {
        assertEquals("unknown flag --bogus", error("--bogus", "--help"));
    }

    @Test
    void anUnknownFlagIsNamedWithOrWithoutAValue() {
        assertEquals("unknown flag --bogus", error("--bogus"));
        assertEquals("unknown flag --bogus", error("--bogus", "1"));
        assertEquals("unknown flag --Port", error("--Port", "1"));
    }

    @Test
    void anArgumentThatIsNoFlagIsNamed() {
        assertEquals("unexpected argument [orders]", error("orders"));
        assertEquals("unexpected argument [-p]", error("-p", "80"));
    }

    @Test
    void aFlagAtTheEndWithoutItsValueIsNamed() {
        assertEquals("--port needs a value", error("--port"));
        assertEquals("--exit-after needs a value", error("--clients", "2", "--exit-after"));
    }

    @Test
    void numbersMustBeWholeAndInRange() {
        assertEquals("--port needs a whole number, but was [banana]", error("--port", "banana"));
        assertEquals("--port needs a whole number, but was [80.5]", error("--port", "80.5"));
        assertEquals("--port must be between 0 and 65535, but was 65536", error("--port", "65536"));
        assertEquals("--port must be between 0 and 65535, but was -1", error("--port", "-1"));
        assertEquals("--clients must be between 1 and 64, but was 0", error("--clients", "0"));
        assertEquals("--clients must be between 1 and 64, but was 65", error("--clients", "65"));
    }

    @Test
    void durationsMustHaveAUnit() {
        assertEquals("--exit-after needs a duration such as 3s or 500ms, but was [soon]", error("--exit-after", "soon"));
        assertEquals("--exit-after needs a duration such as 3s or 500ms, but was [3]", error("--exit-after", "3"));
        assertEquals("--pre-stop needs a duration such as 3s or 500ms, but was [-1s]", error("--pre-stop", "-1s"));
        assertEquals("--pre-stop needs a duration such as 3s or 500ms, but was [1.5s]", error("--pre-stop", "1.5s"));
        assertEquals("--exit-after needs a duration such as 3s or 500ms, but was [PT3S]", error("--exit-after", "PT3S"));
    }

    @Test
    void theFlushPeriodMustBePositive() {
        assertEquals("--flush-every must be positive, but was [0ms]", error("--flush-every", "0ms"));
    }

    @Test
    void theUsageExplainsEveryFlag() {
        for (String flag : List.of("--exit-after", "--clients", "--port", "--journal", "--pre-stop", "--flush-every",
                "--report", "--help")) {
            assertTrue(DemoOptions.USAGE.contains("\n  " + flag + " "), flag);
        }
    }
}
