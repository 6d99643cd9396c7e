package dev.exitguard.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The one order in which the report and the plan list actions: by phase, then as the
 * {@code after()} edges inside the phase allow, the first name first when several could go. It
 * depends on the actions alone, never on the order providers were found in or on timing.
 */
final class RunOrder {

    private static final Comparator<ActionEntry> BY_PHASE_THEN_NAME =
            Comparator.comparingInt(ActionEntry::phase).thenComparing(ActionEntry::name);

    private RunOrder() {
    }

    /** {@code entries} in run order; they must be valid (no cycle). */
    static List<ActionEntry> of(List<ActionEntry> entries) {
        Map<String, ActionEntry> byName = new HashMap<>();
        for (ActionEntry entry : entries) {
            byName.put(entry.name(), entry);
        }
        Map<String, Integer> waits = new HashMap<>();
        Map<String, List<ActionEntry>> dependents = new HashMap<>();
        for (ActionEntry entry : entries) {
            int count = 0;
            for (String target : entry.after()) {
                ActionEntry other = byName.get(target);
                if (other != null && other.phase() == entry.phase()) {
                    count++;
                    dependents.computeIfAbsent(target, t -> new ArrayList<>()).add(entry);
                }
            }
            waits.put(entry.name(), count);
        }
        PriorityQueue<ActionEntry> ready = new PriorityQueue<>(BY_PHASE_THEN_NAME);
        for (ActionEntry entry : entries) {
            if (waits.get(entry.name()) == 0) {
                ready.add(entry);
            }
        }
        List<ActionEntry> ordered = new ArrayList<>(entries.size());
        while (!ready.isEmpty()) {
            ActionEntry entry = ready.poll();
            ordered.add(entry);
            for (ActionEntry dependent : dependents.getOrDefault(entry.name(), List.of())) {
                if (waits.merge(dependent.name(), -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (ordered.size() != entries.size()) {
            throw new IllegalStateException("exit actions form a cycle; validation should have refused them");
        }
        // The queue already yields phases in order; a stable sort keeps the order inside each phase.
        ordered.sort(Comparator.comparingInt(ActionEntry::phase));
        return ordered;
    }
}
