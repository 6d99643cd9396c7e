package dev.exitguard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.core.Durations;
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
            "1m30s, PT1M30S", "1h, PT1H", "PT1M30S, PT1M30S", "86399999ms, PT23H59M59.999S"})
    void durationsAreReadAsTheExitguardPropertiesReadThem(String text, Duration expected) throws Exception {
        assertEquals(Optional.of(expected), parse("--exit-after", text).exitAfter());
        assertEquals(Durations.parse(text), parse("--pre-stop", text).preStop());
    }

    @Test
    void theEqualsSignFormIsReadToo() throws Exception {
        assertEquals(Optional.of(Duration.ofSeconds(90)), parse("--exit-after=1m30s").exitAfter());
        assertEquals(8080, parse("--port=8080").port());
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
        assertEquals("Unknown option: '--bogus'", error("--bogus", "--help"));
    }

    @Test
    void anUnknownFlagIsNamedWithOrWithoutAValue() {
        assertEquals("Unknown option: '--bogus'", error("--bogus"));
        assertEquals("Unknown options: '--bogus', '1'", error("--bogus", "1"));
    }

    @Test
    void aTypoIsAnsweredWithTheFlagItMeant() {
        assertEquals("Unknown options: '--Port', '1'\nDid you mean: --port?", error("--Port", "1"));
        assertEquals("Unknown options: '--prot', '80'\nDid you mean: --port?", error("--prot", "80"));
        assertEquals("Unknown options: '--exit-aftr', '3s'\nDid you mean: --exit-after?", error("--exit-aftr", "3s"));
        assertEquals("Unknown option: '--clinets'\nDid you mean: --clients?", error("--clinets"));
    }

    @Test
    void aPrefixThatIsNoTypoGetsPicocliSGuess() {
        assertEquals("Unknown option: '--exit'\nDid you mean: --exit-after?", error("--exit"));
    }

    @Test
    void anArgumentThatIsNoFlagIsNamed() {
        assertEquals("Unmatched argument at index 0: 'orders'", error("orders"));
        assertEquals("Unmatched argument at index 2: 'orders'", error("--port", "1", "orders"));
    }

    @Test
    void aFlagAtTheEndWithoutItsValueIsNamed() {
        assertEquals("Missing required parameter for option '--port' (<n>)", error("--port"));
        assertEquals("Missing required parameter for option '--exit-after' (<duration>)",
                error("--clients", "2", "--exit-after"));
    }

    @Test
    void numbersMustBeWholeAndInRange() {
        assertEquals("Invalid value for option '--port': 'banana' is not an int", error("--port", "banana"));
        assertEquals("Invalid value for option '--port': '80.5' is not an int", error("--port", "80.5"));
        assertEquals("Invalid value for option '--port': must be between 0 and 65535, but was 65536",
                error("--port", "65536"));
        assertEquals("Invalid value for option '--port': must be between 0 and 65535, but was -1", error("--port", "-1"));
        assertEquals("Invalid value for option '--clients': must be between 1 and 64, but was 0", error("--clients", "0"));
        assertEquals("Invalid value for option '--clients': must be between 1 and 64, but was 65",
                error("--clients", "65"));
    }

    @Test
    void badDurationsAreNamedInTheWordsOfTheProperties() {
        assertEquals("Invalid value for option '--exit-after': cannot read [soon] as a duration"
                + " (examples: 25s, 500ms, PT25S)", error("--exit-after", "soon"));
        assertEquals("Invalid value for option '--exit-after': [3] has no unit; say which (examples: 25s, 500ms, PT25S)",
                error("--exit-after", "3"));
        assertEquals("Invalid value for option '--pre-stop': cannot read [-1s] as a duration"
                + " (examples: 25s, 500ms, PT25S)", error("--pre-stop", "-1s"));
        assertEquals("Invalid value for option '--pre-stop': cannot read [1.5s] as a duration"
                + " (examples: 25s, 500ms, PT25S)", error("--pre-stop", "1.5s"));
        assertEquals("Invalid value for option '--exit-after': [30s1m] repeats a unit or puts a smaller one first;"
                + " write the largest first, as in 1m30s", error("--exit-after", "30s1m"));
        assertEquals("Invalid value for option '--exit-after': must be at most 24h, but was 48h",
                error("--exit-after", "2d"));
    }

    @Test
    void theFlushPeriodMustBePositive() {
        assertEquals("Invalid value for option '--flush-every': must be positive, but was 0ms",
                error("--flush-every", "0ms"));
        assertEquals("Invalid value for option '--flush-every': must be positive, but was 0ms",
                error("--flush-every", "PT0S"));
    }

    @Test
    void theUsageExplainsEveryFlag() {
        String usage = DemoOptions.usage();
        assertTrue(usage.startsWith("usage: java -jar exitguard-demo.jar [options]\n"), usage);
        for (String flag : List.of("--exit-after=<duration>", "--clients=<n>", "--port=<n>", "--journal=<file>",
                "--pre-stop=<duration>", "--flush-every=<duration>", "--report=<file>", "-h, --help")) {
            assertTrue(usage.lines().anyMatch(line -> line.strip().startsWith(flag)), () -> flag + "\n" + usage);
        }
    }
}
