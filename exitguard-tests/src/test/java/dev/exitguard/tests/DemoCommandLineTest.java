package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.Demo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.io.TempDir;

/** The demo's command line, in real JVMs: help, bad flags, and a run that ends by itself. */
class DemoCommandLineTest {

    private static final List<String> FLAGS = List.of("--exit-after=<duration>", "--clients=<n>", "--port=<n>",
            "--journal=<file>", "--pre-stop=<duration>", "--flush-every=<duration>", "--report=<file>", "-h, --help");

    @TempDir
    Path dir;

    private ChildResult run(Jdk jdk, String... arguments) throws InterruptedException {
        try (Child demo = Demo.child(jdk, dir, arguments).start()) {
            return demo.awaitExit();
        }
    }

    @OnEachJdk
    void helpPrintsTheUsageAndExits0(Jdk jdk) throws InterruptedException {
        ChildResult result = run(jdk, "--help");
        assertEquals(0, result.exitCode(), result::describe);
        assertTrue(result.stdout().startsWith("usage: java -jar exitguard-demo.jar [options]"), result::describe);
        for (String flag : FLAGS) {
            assertTrue(result.stdout().lines().anyMatch(line -> line.strip().startsWith(flag)),
                    () -> flag + " is not explained\n" + result.describe());
        }
        assertEquals("", result.stderr(), result::describe);
        assertFalse(result.hasReport(), () -> "help installs no guard, so there is no exit to report\n" + result.describe());
    }

    @OnEachJdk
    void anUnknownFlagIsNamedAndExits2(Jdk jdk) throws InterruptedException {
        assertBadFlag(run(jdk, "--bogus"), "exitguard-demo: Unknown option: '--bogus'");
    }

    @OnEachJdk
    void aPortThatIsNoNumberIsNamedAndExits2(Jdk jdk) throws InterruptedException {
        assertBadFlag(run(jdk, "--port", "banana"), "exitguard-demo: Invalid value for option '--port': 'banana' is not an int");
    }

    @OnEachJdk
    void anExitAfterThatIsNoDurationIsNamedAndExits2(Jdk jdk) throws InterruptedException {
        assertBadFlag(run(jdk, "--exit-after", "soon"), "exitguard-demo: Invalid value for option '--exit-after':"
                + " cannot read [soon] as a duration (examples: 25s, 500ms, PT25S)");
    }

    private static void assertBadFlag(ChildResult result, String message) {
        assertEquals(2, result.exitCode(), result::describe);
        assertTrue(result.stderr().startsWith(message + "\nusage: "),
                () -> "the error, then the usage, on stderr\n" + result.describe());
        assertEquals("", result.stdout(), result::describe);
    }

    @OnEachJdk
    void exitAfterEndsByItselfOnItsOwnSigtermWithAPassingVerdictAndLosesNothing(Jdk jdk)
            throws InterruptedException, IOException {
        Path journal = dir.resolve("journal.log");
        ChildResult result = run(jdk, "--exit-after", "2s", "--journal", journal.toString());
        // A self-driven run ends with its verdict: 0 means every action succeeded and nothing was lost.
        assertEquals(0, result.exitCode(), result::describe);
        Matcher counts = Demo.closingCounts(result.stdout());
        assertNotNull(counts, () -> "the last line is not the closing count\n" + result.describe());
        assertEquals("0", counts.group(3), result::describe);
        assertEquals(counts.group(1), counts.group(2), result::describe);
        assertTrue(Long.parseLong(counts.group(1)) > 0, () -> "the load acknowledged no order\n" + result.describe());
        assertEquals(Long.parseLong(counts.group(2)), distinctIds(journal), result::describe);
        result.report().assertReason("SIGNAL", 143);
        result.report().assertAll("SUCCEEDED");
    }

    private static long distinctIds(Path journal) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            ids.add(line.substring(0, line.indexOf(' ')));
        }
        return ids.size();
    }
}
