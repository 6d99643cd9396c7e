package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Random graphs of exit actions for property tests, and a brute-force oracle of the rules they
 * must keep. The oracle is written apart from {@link Validation} and {@link RunOrder}, from the
 * definitions alone: a transitive closure instead of Tarjan, a quadratic greedy pick instead of a
 * priority queue.
 */
final class Graphs {

    /** Few phases, so that many edges fall inside one phase, where order and cycles live. */
    static final List<Integer> PHASES = List.of(ExitPhase.DRAIN, ExitPhase.DEFAULT, ExitPhase.DEFAULT + 5,
            ExitPhase.RELEASE);

    /** A name that no generated action has: names are made of the letters a to f. */
    static final String ABSENT = "x-absent";

    static final int MAX_ACTIONS = 12;

    private Graphs() {
    }

    /** One action: its name, its phase, and the names it is {@code after()}. */
    record Node(String name, int phase, Set<String> after) {
        ExitAction noop() {
            return Actions.noop(name, phase, after.toArray(String[]::new));
        }

        @Override
        public String toString() {
            return name + "@" + phase + (after.isEmpty() ? "" : "->" + new TreeSet<>(after));
        }
    }

    /** Actions in registration order. */
    record Graph(List<Node> nodes) {
        Graph {
            nodes = List.copyOf(nodes);
        }

        Map<String, Node> byName() {
            Map<String, Node> byName = new HashMap<>();
            nodes.forEach(node -> byName.put(node.name(), node));
            return byName;
        }

        List<String> names() {
            return nodes.stream().map(Node::name).toList();
        }

        Graph with(Node node) {
            List<Node> more = new ArrayList<>(nodes);
            more.add(node);
            return new Graph(more);
        }

        @Override
        public String toString() {
            return nodes.toString();
        }
    }

    /** Any graph: edges to any action (itself included), to an absent one, into any phase. */
    static Graph any(Random random) {
        return graph(random, false);
    }

    /**
     * A graph that validation must accept: every edge goes to an earlier phase, to an absent
     * action, or to an action of the same phase that comes earlier in a random order (not the
     * order of names, so that the order of names and the order of edges do not agree by chance).
     */
    static Graph valid(Random random) {
        return graph(random, true);
    }

    private static Graph graph(Random random, boolean valid) {
        int wanted = 1 + random.nextInt(MAX_ACTIONS);
        Set<String> unique = new LinkedHashSet<>();
        while (unique.size() < wanted) {
            String name = String.valueOf((char) ('a' + random.nextInt(6)));
            unique.add(random.nextBoolean() ? name : name + (char) ('a' + random.nextInt(6)));
        }
        List<String> names = new ArrayList<>(unique);
        int n = names.size();
        List<Integer> phases = new ArrayList<>();
        List<Set<Integer>> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            phases.add(PHASES.get(random.nextInt(PHASES.size())));
            Set<Integer> targets = new LinkedHashSet<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                // Index n stands for the absent action.
                targets.add(random.nextInt(n + 1));
            }
            edges.add(targets);
        }
        List<Integer> order = IntStream.range(0, n).boxed().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(order, random);
        return graph(names, phases, edges, valid ? order : null);
    }

    private static Graph graph(List<String> names, List<Integer> phases, List<Set<Integer>> edges, List<Integer> order) {
        int n = names.size();
        int[] position = new int[n];
        if (order != null) {
            for (int i = 0; i < n; i++) {
                position[order.get(i)] = i;
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<String> after = new LinkedHashSet<>();
            for (int j : edges.get(i)) {
                if (j == n) {
                    after.add(ABSENT);
                } else if (order == null || phases.get(j) < phases.get(i)
                        || phases.get(j).equals(phases.get(i)) && position[j] < position[i]) {
                    after.add(names.get(j));
                }
            }
            nodes.add(new Node(names.get(i), phases.get(i), Set.copyOf(after)));
        }
        return new Graph(nodes);
    }

    // ---- the oracle ---------------------------------------------------------------------------

    /** An edge {@code from} after {@code to}, where {@code to} runs in a later phase. */
    record BackwardEdge(Node from, Node to) {
    }

    static List<BackwardEdge> backwardEdges(Graph graph) {
        Map<String, Node> byName = graph.byName();
        List<BackwardEdge> found = new ArrayList<>();
        for (Node node : graph.nodes()) {
            for (String target : node.after()) {
                Node other = byName.get(target);
                if (other != null && other.phase() > node.phase()) {
                    found.add(new BackwardEdge(node, other));
                }
            }
        }
        return found;
    }

    /**
     * {@code reach[i][j]}: action j can be reached from action i along one or more edges that
     * an exit orders by (to a present action, not into a later phase).
     */
    static boolean[][] reach(Graph graph) {
        List<Node> nodes = graph.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).name(), i);
        }
        boolean[][] reach = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (String target : nodes.get(i).after()) {
                Integer j = index.get(target);
                if (j != null && nodes.get(j).phase() <= nodes.get(i).phase()) {
                    reach[i][j] = true;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    reach[i][j] |= reach[i][k] && reach[k][j];
                }
            }
        }
        return reach;
    }

    /** The sets of actions that lie on a common cycle, one set per cycle-bearing component. */
    static Set<Set<String>> cyclicComponents(Graph graph) {
        List<Node> nodes = graph.nodes();
        boolean[][] reach = reach(graph);
        Set<Set<String>> components = new LinkedHashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (reach[i][i]) {
                int from = i;
                components.add(IntStream.range(0, nodes.size()).filter(j -> reach[from][j] && reach[j][from])
                        .mapToObj(j -> nodes.get(j).name()).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        return components;
    }

    /** Whether an exit can run the graph: no backward phase edge and no cycle. */
    static boolean isValid(Graph graph) {
        return backwardEdges(graph).isEmpty() && cyclicComponents(graph).isEmpty();
    }

    /**
     * The order the report must list a valid graph's actions in, by its definition: phases
     * ascending; inside a phase, repeatedly the first name (in {@link String#compareTo} order)
     * among the actions whose same-phase predecessors are all listed.
     */
    static List<String> runOrder(Graph graph) {
        Map<String, Node> byName = graph.byName();
        List<String> ordered = new ArrayList<>();
        for (int phase : new TreeSet<>(graph.nodes().stream().map(Node::phase).toList())) {
            Set<String> left = graph.nodes().stream().filter(node -> node.phase() == phase).map(Node::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            while (!left.isEmpty()) {
                String next = left.stream().filter(name -> byName.get(name).after().stream()
                        .noneMatch(left::contains)).findFirst()
                        .orElseThrow(() -> new AssertionError("not a valid graph: " + graph));
                ordered.add(next);
                left.remove(next);
            }
        }
        return ordered;
    }

    /**
     * The names of a cycle message, {@code cycle among exit actions: [a] -> [b] -> [a] (each is
     * after() the next)}, first and last included.
     */
    static List<String> namesInCycleMessage(String problem) {
        String prefix = "cycle among exit actions: ";
        String suffix = " (each is after() the next)";
        if (!problem.startsWith(prefix) || !problem.endsWith(suffix)) {
            throw new AssertionError("not a cycle message: " + problem);
        }
        List<String> names = new ArrayList<>();
        for (String part : problem.substring(prefix.length(), problem.length() - suffix.length()).split(" -> ")) {
            if (!part.startsWith("[") || !part.endsWith("]")) {
                throw new AssertionError("a cycle message names [" + part + "] oddly: " + problem);
            }
            names.add(part.substring(1, part.length() - 1));
        }
        return names;
    }

    /**
     * Checks that {@code names} (first and last the same) is a real cycle of {@code graph}: each
     * action is after the next, and no action but the first appears twice.
     *
     * @return the problem with it, or null if it is a real cycle
     */
    static String whyNotACycle(Graph graph, List<String> names) {
        Map<String, Node> byName = graph.byName();
        if (names.size() < 2 || !names.get(0).equals(names.get(names.size() - 1))) {
            return "does not end where it starts";
        }
        if (new LinkedHashSet<>(names.subList(0, names.size() - 1)).size() != names.size() - 1) {
            return "visits an action twice";
        }
        for (int i = 0; i + 1 < names.size(); i++) {
            Node node = byName.get(names.get(i));
            if (node == null) {
                return "names [" + names.get(i) + "], which is not in the graph";
            }
            if (!node.after().contains(names.get(i + 1))) {
                return "[" + names.get(i) + "] is not after [" + names.get(i + 1) + "]";
            }
        }
        return null;
    }
}
