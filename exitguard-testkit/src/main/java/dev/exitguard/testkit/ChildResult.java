package dev.exitguard.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a child JVM ended: its exit code, everything it printed, the files it wrote. Every failure
 * message built from it carries {@link #describe()}, the child's whole output.
 *
 * @param command the command started, as one line
 * @param exitCode the status of the process started (the JVM, or the wrapper around it)
 * @param stdout all the child printed to stdout
 * @param stderr all the child printed to stderr
 * @param sinceFirstSignal time from the first signal the test sent to the exit; null if none was sent
 * @param sinceLastSignal time from the last signal the test sent to the exit; null if none was sent
 * @param dir the child's folder
 * @since 0.1
 */
public record ChildResult(String command, int exitCode, String stdout, String stderr, Duration sinceFirstSignal,
        Duration sinceLastSignal, Path dir) {

    /** The exit code, the command, how long after the signal, and the whole of stdout and stderr. */
    public String describe() {
        return "child exited with " + exitCode
                + (sinceFirstSignal == null ? "" : ", " + sinceFirstSignal.toMillis() + " ms after the first signal")
                + (sinceLastSignal == null || sinceLastSignal.equals(sinceFirstSignal) ? ""
                        : " and " + sinceLastSignal.toMillis() + " ms after the last")
                + "\ncommand: " + command
                + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr + "\n--- end of child output ---";
    }

    /** The events the program recorded ({@link InChild#record}). */
    public Events events() {
        return Events.read(dir.resolve(ChildJvm.EVENTS_FILE), this::describe);
    }

    /** The exit report; fails, showing the child, if it wrote none. */
    public Report report() {
        Path file = dir.resolve(ChildJvm.REPORT_FILE);
        if (!Files.exists(file)) {
            throw new AssertionError("the child wrote no exit report " + file + "\n" + describe());
        }
        return Report.of(file, this::describe);
    }

    /** Whether the child wrote an exit report. */
    public boolean hasReport() {
        return Files.exists(dir.resolve(ChildJvm.REPORT_FILE));
    }

    /** How many times {@code text} occurs in stderr. */
    public int countInStderr(String text) {
        int count = 0;
        for (int at = stderr.indexOf(text); at >= 0; at = stderr.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }
}
