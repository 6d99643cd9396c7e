package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.Graphs.BackwardEdge;
import dev.exitguard.core.Graphs.Graph;
import dev.exitguard.core.Graphs.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validation against a brute-force oracle ({@link Graphs}) on random graphs: it refuses exactly the
 * graphs with a cycle or an {@code after()} into a later phase, names every such edge, and names
 * one real cycle for each group of actions that lie on one; registration one action at a time
 * agrees with it. A failure names its seed ({@link Seeds}) and the smallest failing graph found
 * by dropping actions from it.
 */
class ValidationPropertiesTest {

    private CapturedLog log;

    /** The warnings about absent actions are expected here; they are kept off the console. */
    @BeforeEach
    void quiet() {
        log = new CapturedLog();
    }

    @AfterEach
    void restore() {
        log.close();
    }

    interface Check {
        void check(Graph graph);
    }

    /** Runs {@code check}; if it fails, fails with the smallest graph, found by dropping actions, that still fails. */
    private static void checkShrinking(Graph graph, Check check) {
        try {
            check.check(graph);
        } catch (AssertionError failure) {
            Graph smallest = graph;
            AssertionError smallestFailure = failure;
            boolean smaller = true;
            while (smaller) {
                smaller = false;
                for (int i = 0; i < smallest.nodes().size() && !smaller; i++) {
                    List<Node> fewer = new ArrayList<>(smallest.nodes());
                    fewer.remove(i);
                    try {
                        check.check(new Graph(fewer));
                    } catch (AssertionError stillFails) {
                        smallest = new Graph(fewer);
                        smallestFailure = stillFails;
                        smaller = true;
                    }
                }
            }
            throw new AssertionError("fails for " + graph + "; smallest failing graph " + smallest + ": "
                    + smallestFailure.getMessage(), smallestFailure);
        }
    }

    @Test
    void installRefusesExactlyTheGraphsWithACycleOrABackwardPhaseEdge() throws Exception {
        int tries = 1000;
        Map<String, AtomicInteger> kinds = Map.of("cycle", new AtomicInteger(), "backward edge", new AtomicInteger(),
                "valid", new AtomicInteger());
        Seeds.tries(tries, random -> {
            Graph graph = Graphs.any(random);
            checkShrinking(graph, ValidationPropertiesTest::installAgreesWithTheOracle);
            if (!Graphs.cyclicComponents(graph).isEmpty()) {
                kinds.get("cycle").incrementAndGet();
            }
            if (!Graphs.backwardEdges(graph).isEmpty()) {
                kinds.get("backward edge").incrementAndGet();
            }
            if (Graphs.isValid(graph)) {
                kinds.get("valid").incrementAndGet();
            }
        });
        if (Long.getLong(Seeds.PROPERTY) == null) {
            // The generator must make plenty of each kind, or passing proves little.
            kinds.forEach((kind, count) -> assertTrue(count.get() >= tries / 10 && count.get() <= tries * 9 / 10,
                    () -> kind + " in " + count + " of " + tries + " graphs"));
        }
    }

    private static void installAgreesWithTheOracle(Graph graph) {
        ExitGuard.Builder builder = Guards.isolated(new RecordingTerminator());
        graph.nodes().forEach(node -> builder.action(node.noop(), "graph"));

        List<String> problems;
        try {
            builder.build();
            problems = List.of();
        } catch (ExitConfigurationException e) {
            problems = e.problems();
        }

        assertEquals(Graphs.isValid(graph), problems.isEmpty(), () -> "oracle and validation disagree: " + graph);
        List<String> laterPhase = new ArrayList<>();
        List<String> cycles = new ArrayList<>();
        for (String problem : problems) {
            (problem.startsWith("cycle among exit actions: ") ? cycles : laterPhase).add(problem);
        }
        assertEquals(expectedBackwardMessages(Graphs.backwardEdges(graph)), new TreeSet<>(laterPhase),
                () -> graph.toString());
        assertEquals(laterPhase.size(), new HashSet<>(laterPhase).size(), () -> "a problem twice: " + laterPhase);
        assertCyclesNameEachComponentOnce(graph, cycles);
    }

    /**
     * Registering one action at a time, each is accepted exactly when the actions accepted so far
     * and it are still valid, and a refusal names the action and, for a cycle, a real one through it.
     */
    @Test
    void registrationAcceptsExactlyTheActionsThatKeepTheSetValid() throws Exception {
        Seeds.tries(500, random -> checkShrinking(Graphs.any(random), ValidationPropertiesTest::registrationAgreesWithTheOracle));
    }

    private static void registrationAgreesWithTheOracle(Graph graph) {
        ExitGuard guard = Guards.isolated(new RecordingTerminator()).build();
        Graph accepted = new Graph(List.of());

        for (Node node : graph.nodes()) {
            Graph candidate = accepted.with(node);
            boolean valid = Graphs.isValid(candidate);
            try {
                guard.register(node.noop(), "graph");
                assertTrue(valid, () -> "accepted " + node + " into " + candidate + ", which is not valid");
                accepted = candidate;
            } catch (ExitConfigurationException e) {
                assertFalse(valid, () -> "refused " + node + " though " + candidate + " is valid: " + e.getMessage());
                for (String problem : e.problems()) {
                    assertTrue(problem.contains("[" + node.name() + "]"), () -> "does not name the action: " + problem);
                    if (problem.startsWith("cycle among exit actions: ")) {
                        List<String> cycle = Graphs.namesInCycleMessage(problem);
                        assertEquals(node.name(), cycle.get(0), problem);
                        assertNull(Graphs.whyNotACycle(candidate, cycle), problem);
                    }
                }
                Set<String> expectedLater = expectedBackwardMessages(Graphs.backwardEdges(candidate));
                assertEquals(expectedLater, new TreeSet<>(e.problems().stream()
                        .filter(p -> !p.startsWith("cycle among exit actions: ")).toList()), () -> candidate.toString());
                assertEquals(!Graphs.cyclicComponents(candidate).isEmpty(),
                        e.problems().stream().anyMatch(p -> p.startsWith("cycle among exit actions: ")),
                        () -> candidate.toString());
            }
        }

        assertEquals(new TreeSet<>(accepted.names()), new TreeSet<>(guard.actionNames()));
    }

    /** The words a later-phase edge is reported in, from the edges the oracle found. */
    private static Set<String> expectedBackwardMessages(List<BackwardEdge> edges) {
        Set<String> messages = new TreeSet<>();
        for (BackwardEdge edge : edges) {
            messages.add("exit action [" + edge.from().name() + "] (phase " + ExitPhase.nameOf(edge.from().phase())
                    + ") is after [" + edge.to().name() + "], which runs in a later phase ("
                    + ExitPhase.nameOf(edge.to().phase()) + "); an action can only wait for its own phase or an earlier one");
        }
        return messages;
    }

    private static void assertCyclesNameEachComponentOnce(Graph graph, List<String> cycles) {
        Set<Set<String>> components = Graphs.cyclicComponents(graph);
        Set<Set<String>> named = new HashSet<>();
        for (String problem : cycles) {
            List<String> cycle = Graphs.namesInCycleMessage(problem);
            assertNull(Graphs.whyNotACycle(graph, cycle), () -> problem + " in " + graph);
            Set<String> component = components.stream().filter(c -> c.contains(cycle.get(0))).findFirst()
                    .orElseThrow(() -> new AssertionError(problem + " is on no cycle of the oracle: " + graph));
            assertTrue(component.containsAll(cycle), problem);
            assertEquals(((TreeSet<String>) component).first(), cycle.get(0),
                    () -> problem + " should start at the first name of " + component);
            assertTrue(named.add(component), () -> "two cycles named for " + component + ": " + cycles);
        }
        assertEquals(components, named, () -> "cycles not named: " + graph);
        List<String> firsts = cycles.stream().map(problem -> Graphs.namesInCycleMessage(problem).get(0)).toList();
        assertEquals(firsts.stream().sorted().toList(), firsts, () -> "cycles out of order: " + cycles);
    }
}
