package dev.exitguard.signals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sun.misc.Signal;

/**
 * Which signals a {@link SignalTrigger} may listen to: reads the names given in code or in
 * {@code exitguard.signals}, reporting every malformed, unknown or repeated entry at once, and
 * knows, with the reason, the signals the JVM or the OS keep for themselves.
 */
final class SignalNames {

    static final String PROPERTY = "exitguard.signals";

    /** What a trigger listens to when told nothing. */
    static final List<String> DEFAULTS = List.of("INT", "TERM");

    /** The signals the JVM only lets go of under {@code -Xrs}, where it keeps them instead. */
    static final Set<String> SHUTDOWN_SIGNALS = Set.of("HUP", "INT", "TERM");

    /**
     * Signals never taken over, with the reason. Some of them {@code Signal.handle} refuses itself;
     * the others it would hand over, silently replacing a native handler the JVM depends on.
     */
    private static final Map<String, String> RESERVED = Map.ofEntries(
            Map.entry("QUIT", "the JVM prints a thread dump on SIGQUIT"),
            Map.entry("USR2", "HotSpot suspends and resumes threads with SIGUSR2"),
            Map.entry("SEGV", "the JVM handles SIGSEGV itself (null checks, stack banging, crashes)"),
            Map.entry("ILL", "the JVM handles SIGILL itself"),
            Map.entry("FPE", "the JVM handles SIGFPE itself (integer division by zero)"),
            Map.entry("BUS", "the JVM handles SIGBUS itself (faults in mapped files)"),
            Map.entry("TRAP", "the JVM uses SIGTRAP for its own traps on some processors"),
            Map.entry("PIPE", "the JVM ignores SIGPIPE so that a closed socket is an IOException, not an exit"),
            Map.entry("XFSZ", "the JVM ignores SIGXFSZ so that a file too large is an IOException, not an exit"),
            Map.entry("KILL", "SIGKILL cannot be caught"),
            Map.entry("STOP", "SIGSTOP cannot be caught"));

    private SignalNames() {
    }

    /**
     * Reads the value of {@code exitguard.signals}.
     *
     * @throws IllegalArgumentException naming the property, the value and every bad entry
     */
    static List<String> parseProperty(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(PROPERTY + ": the value is empty; give a comma list of signal"
                    + " names such as INT,TERM,HUP, or leave it unset for INT,TERM");
        }
        return check(PROPERTY + ": ", " in [" + value + "]", List.of(value.split(",", -1)));
    }

    /**
     * Checks names given in code.
     *
     * @throws IllegalArgumentException naming every bad entry
     */
    static List<String> checkGiven(List<String> names) {
        StringBuilder shown = new StringBuilder("SignalTrigger.of(");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            shown.append(i == 0 ? "" : ", ").append(name == null ? "null" : "\"" + name + "\"");
        }
        shown.append(')');
        if (names.isEmpty()) {
            throw new IllegalArgumentException(shown + ": give at least one signal, such as \"INT\", \"TERM\"");
        }
        return check(shown + ": ", "", names);
    }

    /** {@code "INT"} for {@code "int"}, {@code " SIGINT "} or {@code "INT"}. */
    static String normalize(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("SIG") ? upper.substring(3) : upper;
    }

    /** Why the JVM or the OS keep this signal, or null if it may be used. */
    static String reservedReason(String name) {
        return RESERVED.get(name);
    }

    private static List<String> check(String prefix, String suffix, List<String> entries) {
        Set<String> names = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String raw = entries.get(i);
            if (raw == null || normalize(raw).isEmpty()) {
                problems.add("entry " + (i + 1) + " is empty" + suffix);
                continue;
            }
            String name = normalize(raw);
            // A signal the JVM keeps is not a bad value: arm() leaves it out with a warning.
            if (reservedReason(name) == null && !isKnown(name)) {
                problems.add("unknown signal [" + raw.strip() + "]" + suffix
                        + "; give names such as INT, TERM, HUP, USR1 (SIG prefix optional)");
            } else if (!names.add(name)) {
                problems.add("signal [" + name + "] is listed twice" + suffix);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(prefix + String.join("; ", problems));
        }
        return List.copyOf(names);
    }

    private static boolean isKnown(String name) {
        try {
            new Signal(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
