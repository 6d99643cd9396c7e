package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The budgets of phases: how long a phase may run before what still runs in it is interrupted and
 * the next phase begins. Read from the builder and from the properties
 * {@code exitguard.phaseTimeout.<PHASE>}, where a phase is named as {@link ExitPhase#parse} reads
 * it ({@code DRAIN}, {@code DRAIN+10}, {@code -1000}); a property overrides the builder.
 */
final class PhaseTimeouts {

    private PhaseTimeouts() {
    }

    /**
     * The budgets by phase, sorted and unmodifiable; every bad key or value is added to
     * {@code problems}, naming the key.
     */
    static Map<Integer, Duration> resolve(Map<Integer, Duration> requested, Function<String, String> properties,
            Collection<String> propertyNames, Problems problems) {
        Map<Integer, Duration> budgets = new TreeMap<>(requested);
        List<String> keys = new ArrayList<>();
        for (String name : propertyNames) {
            if (name.startsWith(GuardSettings.PHASE_TIMEOUT)) {
                keys.add(name);
            }
        }
        // Sorted, so that problems are listed in one order whatever the order of the properties.
        Collections.sort(keys);
        Map<Integer, String> keyOf = new HashMap<>();
        for (String key : keys) {
            String text = properties.apply(key);
            if (text == null) {
                continue;
            }
            String phaseText = key.substring(GuardSettings.PHASE_TIMEOUT.length());
            if (phaseText.isBlank()) {
                problems.badProperty(key,
                        key + ": name a phase after the dot, e.g. " + GuardSettings.PHASE_TIMEOUT + "DRAIN=10s");
                continue;
            }
            int phase;
            try {
                phase = ExitPhase.parse(phaseText);
            } catch (IllegalArgumentException e) {
                problems.badProperty(key, key + ": " + e.getMessage());
                continue;
            }
            Duration budget;
            try {
                budget = Durations.parse(key, text);
            } catch (IllegalArgumentException e) {
                problems.badProperty(key, e.getMessage());
                continue;
            }
            if (budget.isZero()) {
                problems.badProperty(key, key + ": must be positive, but was [" + text + "]");
                continue;
            }
            String earlier = keyOf.put(phase, key);
            if (earlier != null && !budgets.get(phase).equals(budget)) {
                problems.badProperty(key, earlier + " and " + key + " both set the budget of phase " + ExitPhase.nameOf(phase)
                        + ", to " + Durations.format(budgets.get(phase)) + " and " + Durations.format(budget)
                        + "; keep one");
                continue;
            }
            budgets.put(phase, budget);
        }
        return Collections.unmodifiableMap(budgets);
    }

    /** A warning for each budget of a phase that no action is in (a typo in a phase number, say). */
    static List<String> unused(Map<Integer, Duration> budgets, Collection<ActionEntry> entries) {
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<Integer, Duration> budget : budgets.entrySet()) {
            boolean used = false;
            for (ActionEntry entry : entries) {
                used |= entry.phase() == budget.getKey();
            }
            // The adopted shutdown hooks are that phase's actions, known only at exit.
            if (!used && budget.getKey() != ExitPhase.SHUTDOWN_HOOKS) {
                warnings.add("phase " + ExitPhase.nameOf(budget.getKey()) + " (" + budget.getKey() + ") has a budget of "
                        + Durations.format(budget.getValue()) + " but no action");
            }
        }
        return warnings;
    }

    /** Checks a budget given in code. */
    static Duration check(int phase, Duration budget) {
        return Durations.checkPositive("phaseTimeout of phase " + ExitPhase.nameOf(phase), budget);
    }
}
