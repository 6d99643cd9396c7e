package dev.exitguard.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts children with SIGHUP, SIGINT and SIGQUIT at their default (and unblocked), whatever this
 * JVM inherited.
 *
 * <p>A background job of a shell without job control starts with SIGINT and SIGQUIT ignored,
 * {@code nohup} adds SIGHUP, and an ignored signal stays ignored across {@code exec}: every child
 * JVM of a test run started that way would ignore them too, and exitguard rightly leaves an
 * inherited ignore alone, so a test that sends one of them would wait in vain. Each child is
 * therefore started through a command that resets the three and then {@code exec}s it, keeping
 * its pid: {@code env --default-signal} (GNU coreutils 8.31 and newer), else a line of {@code perl}.
 * Which one is found once per JVM. Where there is neither, children are started as they are, and
 * a test that sends one of the three to a child that may ignore it is skipped, saying why.
 */
final class DefaultSignals {

    /** The signals a shell or {@code nohup} may hand down ignored. */
    static final List<String> RESET = List.of("HUP", "INT", "QUIT");

    /**
     * Perl sets each to its default and unblocks it: a process a JVM starts inherits the JVM's
     * blocked SIGQUIT, which {@code env --default-signal} clears too.
     */
    private static final String PERL = "use POSIX (); $SIG{$_} = 'DEFAULT' for qw(" + String.join(" ", RESET) + ");"
            + " POSIX::sigprocmask(POSIX::SIG_UNBLOCK(), POSIX::SigSet->new(POSIX::SIGHUP(), POSIX::SIGINT(),"
            + " POSIX::SIGQUIT())) or die \"cannot unblock: $!\\n\";"
            + " exec { $ARGV[0] } @ARGV or die \"cannot run $ARGV[0]: $!\\n\"";

    /** The ways of resetting, best first: each is a command prefix and the command that tells whether it works here. */
    private static final List<List<String>> CANDIDATES = List.of(
            List.of("env", "--default-signal=" + String.join(",", RESET)),
            List.of("perl", "-e", PERL, "--"));

    private static Optional<List<String>> prefix;

    private DefaultSignals() {
    }

    /** The command to put before a child's own, so that it starts with the three at their default; empty if there is none. */
    static synchronized List<String> prefix() {
        if (prefix == null) {
            prefix = CANDIDATES.stream().filter(DefaultSignals::works).findFirst();
        }
        return prefix.orElse(List.of());
    }

    /** The ways of resetting, in order of preference, whether or not they work here (for the kit's own tests). */
    static List<List<String>> candidates() {
        return CANDIDATES;
    }

    /** Whether the prefix runs {@code true} here and it succeeds. */
    static boolean works(List<String> candidate) {
        List<String> command = new java.util.ArrayList<>(candidate);
        command.add("true");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(Bounds.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Why a child may not receive {@code signal} (e.g. {@code "INT"}) the way a test means it to:
     * empty where children start with it at its default, or this JVM does not ignore it.
     */
    static Optional<String> whyNotDefault(String signal) {
        String name = signal.startsWith("SIG") ? signal.substring(3) : signal;
        if (!RESET.contains(name) || !prefix().isEmpty() || Boolean.FALSE.equals(ignoredHere(name))) {
            return Optional.empty();
        }
        return Optional.of("this JVM may have inherited SIG" + name + " ignored (as under nohup, or in a background"
                + " job of a script), and a child JVM would too, so it would not react to SIG" + name + "; neither"
                + " `env --default-signal` (GNU coreutils 8.31 or newer) nor `perl` is here to start it with SIG" + name
                + " at its default. Install either, or run the tests in a terminal's foreground.");
    }

    /** Whether this process ignores {@code name}, from Linux's {@code /proc/self/status}; null where that cannot be told. */
    private static Boolean ignoredHere(String name) {
        Path status = Path.of("/proc/self/status");
        int number = RESET.indexOf(name) + 1; // HUP 1, INT 2, QUIT 3: their numbers on every Unix
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16);
                    return (mask & (1L << (number - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
