package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules a set of actions must keep before it can be installed: unique names, {@code after()}
 * never into a later phase, no cycle. Breaking one is a problem (install fails, naming the
 * actions); naming an absent action in {@code after()} is only a warning.
 */
final class Validation {

    private Validation() {
    }

    /** Checks a whole set; adds each problem and warning found, in a stable order. */
    static void check(Collection<ActionEntry> entries, Problems problems, List<String> warnings) {
        Map<String, ActionEntry> byName = new TreeMap<>();
        Map<String, List<ActionEntry>> duplicates = new TreeMap<>();
        for (ActionEntry entry : entries) {
            ActionEntry first = byName.putIfAbsent(entry.name(), entry);
            if (first != null) {
                List<ActionEntry> clash = duplicates.get(entry.name());
                if (clash == null) {
                    clash = new ArrayList<>(List.of(first));
                    duplicates.put(entry.name(), clash);
                }
                clash.add(entry);
            }
        }
        for (Map.Entry<String, List<ActionEntry>> clash : duplicates.entrySet()) {
            problems.duplicateName(clash.getKey(), clash.getValue());
        }
        for (ActionEntry entry : byName.values()) {
            checkEdges(entry, byName, problems, warnings);
        }
        for (List<String> cycle : cycles(byName)) {
            problems.cycle(cycle);
        }
    }

    /**
     * Checks one action about to join a valid set: the only new problems can be its name, its
     * edges, edges into it, and cycles through it. Costs what its own edges cost when no present
     * action is {@code after()} it (the common case: actions registered in the order they depend
     * on each other, which is how an {@code after()} chain is built), since no cycle can then pass
     * through it. Otherwise a cycle through it is searched for from both ends at once, forward from
     * what it is after and backward from what is after it, one action at a time on each side; the
     * search stops when either side has run out, so it costs at most twice the smaller of the two
     * parts of the graph it could close a cycle through, never the size of the set.
     *
     * @param present the set, which the caller holds still
     * @param waitingFor the present actions whose {@code after()} names each name
     * @return how many actions the cycle search looked at (for tests that bound the work)
     */
    static int checkAddition(ActionEntry added, Map<String, ActionEntry> present,
            Map<String, List<ActionEntry>> waitingFor, Problems problems, List<String> warnings) {
        ActionEntry clash = present.get(added.name());
        if (clash != null) {
            problems.duplicateName(added.name(), List.of(clash, added));
            return 0;
        }
        List<ActionEntry> waiting = waitingFor.getOrDefault(added.name(), List.of());
        boolean afterItself = added.after().contains(added.name());
        if (afterItself) {
            problems.cycle(List.of(added.name()));
        }
        present.put(added.name(), added);
        try {
            checkEdges(added, present, problems, warnings);
        } finally {
            present.remove(added.name());
        }
        for (ActionEntry waiter : waiting) {
            if (added.phase() > waiter.phase()) {
                problems.laterPhase(waiter, added);
            }
        }
        if (waiting.isEmpty() || afterItself) {
            return 0;
        }
        Search search = new Search(added, present, waitingFor);
        if (search.closesACycle()) {
            present.put(added.name(), added);
            try {
                problems.cycle(cycleThrough(added.name(), present));
            } finally {
                present.remove(added.name());
            }
        }
        return search.looked;
    }

    /**
     * Whether a new action closes a cycle: whether something it is after (directly or not) is
     * after it. Searched from both ends, one action at a time on each side (see
     * {@link #checkAddition}).
     */
    private static final class Search {
        private final Map<String, ActionEntry> present;
        private final Map<String, List<ActionEntry>> waitingFor;
        private final Set<String> reachedForward = new HashSet<>();
        private final Set<String> reachedBackward = new HashSet<>();
        private final Deque<ActionEntry> forward = new ArrayDeque<>();
        private final Deque<ActionEntry> backward = new ArrayDeque<>();
        private boolean met;
        int looked;

        Search(ActionEntry added, Map<String, ActionEntry> present, Map<String, List<ActionEntry>> waitingFor) {
            this.present = present;
            this.waitingFor = waitingFor;
            for (String target : edges(added, present)) {
                reachForward(present.get(target));
            }
            for (ActionEntry waiter : waitingFor.getOrDefault(added.name(), List.of())) {
                if (added.phase() <= waiter.phase()) {
                    reachBackward(waiter);
                }
            }
        }

        boolean closesACycle() {
            while (!met && !forward.isEmpty() && !backward.isEmpty()) {
                ActionEntry ahead = forward.poll();
                looked++;
                for (String target : edges(ahead, present)) {
                    reachForward(present.get(target));
                }
                if (met || backward.isEmpty()) {
                    break;
                }
                ActionEntry behind = backward.poll();
                looked++;
                for (ActionEntry waiter : waitingFor.getOrDefault(behind.name(), List.of())) {
                    if (behind.phase() <= waiter.phase()) {
                        reachBackward(waiter);
                    }
                }
            }
            return met;
        }

        private void reachForward(ActionEntry entry) {
            if (reachedForward.add(entry.name())) {
                met |= reachedBackward.contains(entry.name());
                forward.add(entry);
            }
        }

        private void reachBackward(ActionEntry entry) {
            if (reachedBackward.add(entry.name())) {
                met |= reachedForward.contains(entry.name());
                backward.add(entry);
            }
        }
    }

    private static void checkEdges(ActionEntry entry, Map<String, ActionEntry> byName, Problems problems,
            List<String> warnings) {
        for (String target : entry.after()) {
            ActionEntry other = byName.get(target);
            if (other == null) {
                warnings.add("exit action " + entry.label() + " is after [" + target
                        + "], which is not registered; that ordering is ignored until it is");
            } else if (other.phase() > entry.phase()) {
                problems.laterPhase(entry, other);
            }
        }
    }

    /** Edges an ordering can use: to present actions, not into a later phase. */
    private static List<String> edges(ActionEntry entry, Map<String, ActionEntry> byName) {
        List<String> out = new ArrayList<>();
        for (String target : entry.after()) {
            ActionEntry other = byName.get(target);
            if (other != null && other.phase() <= entry.phase()) {
                out.add(target);
            }
        }
        return out;
    }

    /**
     * One cycle per strongly connected component that has one, each starting at the component's
     * first name in sorted order, found by Tarjan's algorithm without recursion so that a chain of
     * ten thousand actions cannot overflow the stack.
     */
    static List<List<String>> cycles(Map<String, ActionEntry> byName) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Map<String, Boolean> onStack = new HashMap<>();
        Map<String, List<String>> found = new TreeMap<>();
        int counter = 0;
        for (String root : byName.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {root, edges(byName.get(root), byName), 0});
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.put(root, true);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String node = (String) frame[0];
                @SuppressWarnings("unchecked")
                List<String> next = (List<String>) frame[1];
                int position = (Integer) frame[2];
                if (position < next.size()) {
                    frame[2] = position + 1;
                    String target = next.get(position);
                    if (!index.containsKey(target)) {
                        index.put(target, counter);
                        low.put(target, counter++);
                        stack.push(target);
                        onStack.put(target, true);
                        work.push(new Object[] {target, edges(byName.get(target), byName), 0});
                    } else if (onStack.getOrDefault(target, false)) {
                        low.put(node, Math.min(low.get(node), index.get(target)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.put(member, false);
                        component.add(member);
                    } while (!member.equals(node));
                    boolean cyclic = component.size() > 1 || byName.get(node).after().contains(node);
                    if (cyclic) {
                        String first = component.stream().min(String::compareTo).orElseThrow();
                        found.put(first, cycleThrough(first, byName));
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * The shortest cycle from {@code start} back to itself along {@code after()} edges, as the list
     * of names starting with {@code start}; null when there is none.
     */
    static List<String> cycleThrough(String start, Map<String, ActionEntry> byName) {
        Map<String, String> parent = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String node = queue.poll();
            List<String> next = edges(byName.get(node), byName);
            next.sort(String::compareTo);
            for (String target : next) {
                if (target.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String at = node; at != null; at = parent.get(at)) {
                        path.add(0, at);
                    }
                    return path;
                }
                if (!parent.containsKey(target) && !target.equals(start)) {
                    parent.put(target, node);
                    queue.add(target);
                }
            }
        }
        return null;
    }
}
