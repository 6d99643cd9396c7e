package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.core.Graphs.Graph;
import dev.exitguard.core.Graphs.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler on random valid graphs whose actions succeed, fail, hang or ignore interrupts: no
 * action starts before everything it is {@code after()} and every earlier phase has finished (or
 * been given up on), each runs exactly once, each outcome is what its behaviour earns, and the
 * report lists the actions in one order, by its definition, whatever the order of registration.
 * A failure names its seed ({@link Seeds}).
 */
class SchedulingPropertiesTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);
    /** Short, to keep a try quick; a hanging action only has to outlast it. */
    private static final Duration HANG_TIMEOUT = Duration.ofMillis(5);
    /** The stack the report gives an action whose time ran out before its thread began it. */
    private static final String NOT_STARTED = "(its thread had not yet started it)";

    /** What a generated action does. */
    enum Behaviour {
        RETURNS, YIELDS, PAUSES, THROWS, ERRS, HANGS, IGNORES_INTERRUPTS;

        /** Whether the action ends by itself, so that its own record of its end is its finish. */
        boolean endsByItself() {
            return this != HANGS && this != IGNORES_INTERRUPTS;
        }

        Outcome outcome() {
            switch (this) {
                case THROWS:
                case ERRS:
                    return Outcome.FAILED;
                case HANGS:
                case IGNORES_INTERRUPTS:
                    return Outcome.TIMED_OUT;
                default:
                    return Outcome.SUCCEEDED;
            }
        }
    }

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

    @Test
    void noActionStartsBeforeWhatItWaitsForAndEachRunsOnce() throws Exception {
        Seeds.tries(200, random -> {
            Graph graph = Graphs.valid(random);
            List<Behaviour> behaviours = new ArrayList<>();
            graph.nodes().forEach(node -> behaviours.add(Behaviour.values()[random.nextInt(Behaviour.values().length)]));
            runAndCheck(graph, behaviours);
        });
    }

    private static void runAndCheck(Graph graph, List<Behaviour> behaviours) {
        AtomicLong clock = new AtomicLong();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Long> ended = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, Behaviour> behaviourOf = new ConcurrentHashMap<>();
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard.Builder builder = Guards.isolated(new RecordingTerminator());
        for (int i = 0; i < graph.nodes().size(); i++) {
            Node node = graph.nodes().get(i);
            Behaviour behaviour = behaviours.get(i);
            behaviourOf.put(node.name(), behaviour);
            runs.put(node.name(), new AtomicInteger());
            builder.action(Actions.action(node.name(), node.phase(), node.after(),
                    behaviour.endsByItself() ? null : HANG_TIMEOUT, context -> {
                        runs.get(node.name()).incrementAndGet();
                        started.put(node.name(), clock.incrementAndGet());
                        try {
                            behave(behaviour, release);
                        } finally {
                            ended.put(node.name(), clock.incrementAndGet());
                        }
                    }), "graph");
        }

        ExitReport report;
        try {
            report = builder.build().runActions(TERM);
        } finally {
            release.countDown();
        }

        String where = graph + " " + behaviours;
        assertEquals(graph.nodes().size(), report.actions().size(), where);
        for (Node node : graph.nodes()) {
            ActionReport action = report.action(node.name()).orElseThrow();
            assertEquals(behaviourOf.get(node.name()).outcome(), action.outcome(), () -> report.toTable() + "\n" + where);
            // An action's time can run out before a worker thread has picked it up; then it never runs.
            boolean neverStarted = action.stack().filter(NOT_STARTED::equals).isPresent();
            assertEquals(neverStarted ? 0 : 1, runs.get(node.name()).get(), () -> node.name() + " runs, " + where);
            for (Node before : mustFinishFirst(graph, node)) {
                ActionReport earlier = report.action(before.name()).orElseThrow();
                assertTrue(action.start().compareTo(earlier.start().plus(earlier.duration())) >= 0,
                        () -> node.name() + " started before " + before.name() + " was settled:\n" + report.toTable()
                                + "\n" + where);
                if (behaviourOf.get(before.name()).endsByItself() && !neverStarted) {
                    assertTrue(ended.get(before.name()) < started.get(node.name()),
                            () -> node.name() + " started before " + before.name() + " returned, " + where);
                }
            }
        }
    }

    /**
     * Every permutation of the registration order gives one report order, and it is the order of
     * the definition: phases ascending, then inside a phase the first name whose predecessors are
     * all listed. The plan lists the same order.
     */
    @Test
    void theReportOrderIsTheSameWhateverTheRegistrationOrder() throws Exception {
        Seeds.tries(300, random -> {
            Graph graph = Graphs.valid(random);
            List<Node> shuffled = new ArrayList<>(graph.nodes());
            Collections.shuffle(shuffled, random);
            checkOrder(graph, shuffled);
        });
    }

    private static void checkOrder(Graph graph, List<Node> shuffled) {

        List<String> one = reportOrder(graph.nodes());
        List<String> two = reportOrder(shuffled);

        assertEquals(Graphs.runOrder(graph), one, graph::toString);
        assertEquals(one, two, () -> "registered as " + shuffled);
        ExitGuard.Builder builder = Guards.isolated(new RecordingTerminator());
        shuffled.forEach(node -> builder.action(node.noop(), "graph"));
        assertEquals(one, builder.build().plan().actions().stream().map(ExitPlan.Step::name).toList());
    }

    private static List<String> reportOrder(List<Node> nodes) {
        ExitGuard.Builder builder = Guards.isolated(new RecordingTerminator());
        nodes.forEach(node -> builder.action(node.noop(), "graph"));
        return builder.build().runActions(TERM).actions().stream().map(ActionReport::name).toList();
    }

    /** What must be over before {@code node} starts: what it is after, and every earlier phase. */
    private static List<Node> mustFinishFirst(Graph graph, Node node) {
        Set<String> after = node.after();
        return graph.nodes().stream()
                .filter(other -> other.phase() < node.phase() || after.contains(other.name()))
                .toList();
    }

    private static void behave(Behaviour behaviour, CountDownLatch release) throws Exception {
        switch (behaviour) {
            case RETURNS:
                return;
            case YIELDS:
                Thread.yield();
                return;
            case PAUSES:
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200 + new Random().nextInt(800)));
                return;
            case THROWS:
                throw new IllegalStateException("generated failure");
            case ERRS:
                throw new AssertionError("generated error");
            case HANGS:
                // Interrupted at the timeout; the latch is only the bound if it never is.
                release.await(20, TimeUnit.SECONDS);
                return;
            case IGNORES_INTERRUPTS:
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // refuses to stop: the exit must go on without it
                    }
                }
                return;
            default:
                throw new AssertionError(behaviour);
        }
    }
}
