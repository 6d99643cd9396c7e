package dev.exitguard.bench.child;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A workload of exit actions: each with a phase, a duration and the actions it must follow. Made
 * from a short spec ({@code chains}, {@code dag:SEED:ACTIONS:PHASES}, {@code noop:ACTIONS}), so
 * that a child JVM rebuilds exactly the plan its parent describes. Immutable.
 *
 * @param spec the spec it was made from
 * @param phases how many phases, numbered from 0
 * @param steps the actions, in phase order and, inside a phase, in an order their edges allow
 */
public record Plan(String spec, int phases, List<Step> steps) {

    /**
     * One action of a plan.
     *
     * @param index its position in {@link Plan#steps()}
     * @param name unique in the plan
     * @param phase 0 to {@code phases - 1}
     * @param millis how long it sleeps; 0 for a no-op
     * @param after the indexes of the actions, in the same phase, that must end before it starts
     */
    public record Step(int index, String name, int phase, int millis, List<Integer> after) {
        public Step {
            after = List.copyOf(after);
        }
    }

    public Plan {
        steps = List.copyOf(steps);
    }

    /** Reads a spec, as {@link #spec()} gives it. */
    public static Plan parse(String spec) {
        String[] parts = spec.split(":");
        try {
            switch (parts[0]) {
                case "chains":
                    return chains();
                case "dag":
                    return randomDag(Long.parseLong(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
                case "noop":
                    return noOps(Integer.parseInt(parts[1]));
                default:
                    break;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read plan spec [" + spec + "]: " + e, e);
        }
        throw new IllegalArgumentException("unknown plan spec [" + spec + "] (chains, dag:SEED:ACTIONS:PHASES, noop:ACTIONS)");
    }

    /**
     * Workload 1: in each of two phases, the chains {@code 300 ms -> 10 ms} and
     * {@code 10 ms -> 300 ms}. The critical path is 620 ms.
     */
    public static Plan chains() {
        List<Step> steps = new ArrayList<>();
        for (int phase = 0; phase < 2; phase++) {
            int a = steps.size();
            steps.add(new Step(a, "p" + phase + "-a1-300ms", phase, 300, List.of()));
            steps.add(new Step(a + 1, "p" + phase + "-b1-10ms", phase, 10, List.of()));
            steps.add(new Step(a + 2, "p" + phase + "-a2-10ms", phase, 10, List.of(a)));
            steps.add(new Step(a + 3, "p" + phase + "-b2-300ms", phase, 300, List.of(a + 1)));
        }
        return new Plan("chains", 2, steps);
    }

    /**
     * Workload 2: {@code actions} actions spread evenly over {@code phases} phases, each sleeping
     * 1 to 20 ms, each after up to three of the twenty actions listed just before it in its phase
     * (so that chains grow long), all drawn from {@code seed}.
     */
    public static Plan randomDag(long seed, int actions, int phases) {
        if (actions < phases || phases < 1) {
            throw new IllegalArgumentException("need at least one action per phase: " + actions + " actions, " + phases + " phases");
        }
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>(actions);
        for (int phase = 0; phase < phases; phase++) {
            int first = steps.size();
            int count = actions / phases + (phase < actions % phases ? 1 : 0);
            for (int k = 0; k < count; k++) {
                int index = first + k;
                List<Integer> after = new ArrayList<>();
                int edges = k == 0 ? 0 : random.nextInt(4);
                for (int e = 0; e < edges; e++) {
                    int target = index - 1 - random.nextInt(Math.min(k, 20));
                    if (!after.contains(target)) {
                        after.add(target);
                    }
                }
                after.sort(null);
                steps.add(new Step(index, String.format("p%d-%04d", phase, index), phase, 1 + random.nextInt(20), after));
            }
        }
        return new Plan("dag:" + seed + ":" + actions + ":" + phases, phases, steps);
    }

    /** Workload 3: {@code actions} no-op actions in one phase, no edges. */
    public static Plan noOps(int actions) {
        List<Step> steps = new ArrayList<>(actions);
        for (int i = 0; i < actions; i++) {
            steps.add(new Step(i, noOpName(i), 0, 0, List.of()));
        }
        return new Plan("noop:" + actions, 1, steps);
    }

    /**
     * The name of no-op {@code i}. Not {@code String.format}: cold, it costs a start-up tens of
     * milliseconds, which workload 6 would then charge to the peer.
     */
    public static String noOpName(int i) {
        String digits = Integer.toString(i);
        return "noop-".concat("00000".substring(Math.min(5, digits.length()))).concat(digits);
    }

    /** The steps of one phase. */
    public List<Step> phase(int phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }

    /** The limit: the sum over phases of each phase's critical path, in milliseconds. */
    public long criticalPathMillis() {
        long[] finish = new long[steps.size()];
        long[] longest = new long[phases];
        for (Step step : steps) {
            long start = 0;
            for (int before : step.after()) {
                start = Math.max(start, finish[before]);
            }
            finish[step.index()] = start + step.millis();
            longest[step.phase()] = Math.max(longest[step.phase()], finish[step.index()]);
        }
        return Arrays.stream(longest).sum();
    }

    /**
     * Each step's level inside its phase: 0 for a step after nothing, else one more than the
     * highest level it is after. A library without edges but with ordered phases runs a plan as
     * these levels, each a barrier.
     */
    public int[] levels() {
        int[] level = new int[steps.size()];
        for (Step step : steps) {
            for (int before : step.after()) {
                level[step.index()] = Math.max(level[step.index()], level[before] + 1);
            }
        }
        return level;
    }

    /** What running every phase's levels one after another, each level in parallel, takes. */
    public long layeredMillis() {
        int[] level = levels();
        long total = 0;
        for (int phase = 0; phase < phases; phase++) {
            int maxLevel = 0;
            for (Step step : phase(phase)) {
                maxLevel = Math.max(maxLevel, level[step.index()]);
            }
            long[] longest = new long[maxLevel + 1];
            for (Step step : phase(phase)) {
                longest[level[step.index()]] = Math.max(longest[level[step.index()]], step.millis());
            }
            total += Arrays.stream(longest).sum();
        }
        return total;
    }

    /** What running every step one at a time takes. */
    public long sumMillis() {
        return steps.stream().mapToLong(Step::millis).sum();
    }

    /** How many {@code after} edges the plan has. */
    public int edgeCount() {
        return steps.stream().mapToInt(s -> s.after().size()).sum();
    }

    /** The names of the steps a step is after. */
    public List<String> afterNames(Step step) {
        return step.after().stream().map(i -> steps.get(i).name()).toList();
    }

    @Override
    public String toString() {
        return Objects.toString(spec);
    }
}
