package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An action as registered: what its SPI methods returned, read once, and where it came from. The
 * action's own methods are never called again, so a misbehaving one cannot change the plan later.
 */
record ActionEntry(ExitAction action, String name, int phase, Set<String> after, Optional<Duration> timeout,
        String source) {

    /**
     * Reads {@code action}'s name, phase, after and timeout; each thing wrong with them is added to
     * {@code problems}, and then null is returned.
     */
    static ActionEntry read(ExitAction action, String source, Problems problems) {
        String type = action.getClass().getName();
        int before = problems.size();
        String name = null;
        try {
            name = action.name();
            if (name == null || name.isBlank()) {
                problems.badAction(null, "exit action " + type + " (" + source + ") has a blank name(): ["
                        + name + "]; give it a name unique among the exit actions");
                name = null;
            }
        } catch (RuntimeException | LinkageError e) {
            problems.badAction(null, "exit action " + type + " (" + source + "): name() threw " + e);
        }
        String label = name == null ? type : "[" + name + "]";
        int phase = ExitPhase.DEFAULT;
        try {
            phase = action.phase();
        } catch (RuntimeException | LinkageError e) {
            problems.badAction(name, "exit action " + label + " (" + source + "): phase() threw " + e);
        }
        Set<String> after = Set.of();
        try {
            Set<String> given = action.after();
            if (given == null) {
                problems.badAction(name, "exit action " + label + " (" + source + "): after() returned null; return Set.of() for none");
            } else if (hasBlank(given)) {
                problems.badAction(name, "exit action " + label + " (" + source + "): after() holds a null or blank name: " + given);
            } else {
                // Sorted, so that messages and the report name these in one order in every JVM
                // (the order of Set.copyOf changes from one JVM to the next).
                after = Collections.unmodifiableSortedSet(new TreeSet<>(given));
            }
        } catch (RuntimeException | LinkageError e) {
            problems.badAction(name, "exit action " + label + " (" + source + "): after() threw " + e);
        }
        Optional<Duration> timeout = Optional.empty();
        try {
            Optional<Duration> given = action.timeout();
            if (given == null) {
                problems.badAction(name, "exit action " + label + " (" + source
                        + "): timeout() returned null; return Optional.empty() for the default");
            } else if (given.isPresent() && (given.get().isNegative() || given.get().isZero())) {
                problems.badTimeout(name, "exit action " + label + " (" + source + ") has a timeout of "
                        + Durations.format(given.get()) + "; a timeout must be positive");
            } else if (given.isPresent() && given.get().compareTo(Durations.MAX) > 0) {
                problems.badTimeout(name, "exit action " + label + " (" + source + ") has a timeout of "
                        + Durations.format(given.get()) + "; at most " + Durations.format(Durations.MAX)
                        + " is allowed (the exit's deadline bounds it anyway)");
            } else {
                timeout = given;
            }
        } catch (RuntimeException | LinkageError e) {
            problems.badAction(name, "exit action " + label + " (" + source + "): timeout() threw " + e);
        }
        return problems.size() == before ? new ActionEntry(action, name, phase, after, timeout, source) : null;
    }

    private static boolean hasBlank(Set<String> names) {
        // A loop, not a stream: this runs at install, on the application's start-up path.
        for (String name : names) {
            if (name == null || name.isBlank()) {
                return true;
            }
        }
        return false;
    }

    String label() {
        return "[" + name + "]";
    }
}
