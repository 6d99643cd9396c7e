package dev.exitguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parent that ignores HUP, INT and QUIT (as {@code nohup} and a script's background job make
 * one) hands the ignore down; each way the kit has of starting a child undoes it.
 */
class DefaultSignalsTest {

    /** A parent ignoring the three, as under nohup in a background job, that then runs its arguments. */
    private static final List<String> IGNORING_PARENT = List.of("bash", "-c", "trap '' HUP INT QUIT; exec \"$@\"", "parent");

    /**
     * The exit code of a shell that sends itself {@code signal}, started under the ignoring parent
     * through {@code through}: 0 if it survived, 128 + the signal's number if the signal ended it.
     */
    private static int selfSignalled(List<String> through, String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(IGNORING_PARENT);
        command.addAll(through);
        // No core file for QUIT.
        command.addAll(List.of("sh", "-c", "ulimit -c 0; kill -s " + signal + " $$; echo survived"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(Bounds.PATIENCE.toSeconds(), TimeUnit.SECONDS), command::toString);
        assertEquals(process.exitValue() == 0, output.strip().equals("survived"), output);
        return process.exitValue();
    }

    private static int numberOf(String signal) {
        return DefaultSignals.RESET.indexOf(signal) + 1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"HUP", "INT", "QUIT"})
    void withoutAResetAChildInheritsTheIgnore(String signal) throws Exception {
        assertEquals(0, selfSignalled(List.of(), signal), "the shell survived SIG" + signal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HUP", "INT", "QUIT"})
    void eachWayOfResettingThatWorksHereGivesTheChildTheDefault(String signal) throws Exception {
        List<List<String>> working = DefaultSignals.candidates().stream().filter(DefaultSignals::works).toList();
        Assumptions.assumeFalse(working.isEmpty(), "neither env --default-signal nor perl is here");
        for (List<String> prefix : working) {
            assertEquals(128 + numberOf(signal), selfSignalled(prefix, signal),
                    () -> String.join(" ", prefix) + " did not reset SIG" + signal);
        }
    }

    @Test
    void childrenAreStartedThroughTheFirstWayThatWorks() {
        List<String> expected = DefaultSignals.candidates().stream().filter(DefaultSignals::works).findFirst()
                .orElse(List.of());
        assertEquals(expected, DefaultSignals.prefix());
        List<String> command = ChildJvm.onClassPath(Jdk.current(), "Main", java.nio.file.Path.of("/tmp")).command();
        assertEquals(expected, command.subList(0, expected.size()));
        assertTrue(command.get(expected.size()).endsWith("/bin/java"), command::toString);
    }

    @Test
    void aSignalThatIsNotHandedDownIgnoredNeedsNoReset() {
        assertEquals(java.util.Optional.empty(), DefaultSignals.whyNotDefault("TERM"));
        assertEquals(java.util.Optional.empty(), DefaultSignals.whyNotDefault("USR2"));
    }
}
