package dev.exitguard.bench;

import java.util.Set;
import java.util.TreeSet;

/**
 * How much to run: the default full run (about 10 minutes on 2 cores) or {@code --quick}, and
 * which workloads ({@code --only 1,3}).
 *
 * @param quick fewer runs of each figure
 * @param planRuns runs of each peer in workloads 1 to 3 (child JVMs)
 * @param stuckRuns runs of each peer in workload 4
 * @param latencyRuns runs of each peer in workloads 5, 6 and 9 to 11
 * @param jmhWarmups JMH warm-up iterations in workload 3
 * @param jmhIterations JMH measured iterations in workload 3
 * @param memoryRuns runs of each peer for the memory figures
 * @param only the workloads to run (1 to 11; 7 is memory, 8 registration); all when empty
 * @param seed the seed of workload 2's graph
 */
record Options(boolean quick, int planRuns, int stuckRuns, int latencyRuns, int jmhWarmups, int jmhIterations,
        int memoryRuns, Set<Integer> only, long seed) {

    static final long DEFAULT_SEED = 20_250_607L;

    static Options parse(String... args) {
        boolean quick = false;
        Set<Integer> only = new TreeSet<>();
        long seed = DEFAULT_SEED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--only":
                    for (String part : value(args, ++i, "--only").split(",")) {
                        int workload = Integer.parseInt(part.strip());
                        if (workload < 1 || workload > 11) {
                            throw new IllegalArgumentException("--only: no workload " + workload
                                    + " (1 to 11: 7 is memory, 8 registration)");
                        }
                        only.add(workload);
                    }
                    break;
                case "--seed":
                    seed = Long.parseLong(value(args, ++i, "--seed"));
                    break;
                case "--help":
                case "-h":
                    throw new IllegalArgumentException("usage");
                default:
                    throw new IllegalArgumentException("unknown option [" + args[i] + "]");
            }
        }
        return quick
                ? new Options(true, 2, 1, 5, 3, 5, 1, only, seed)
                : new Options(false, 5, 3, 11, 10, 20, 3, only, seed);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    boolean runs(int workload) {
        return only.isEmpty() || only.contains(workload);
    }

    static String usage() {
        return "usage: java -jar exitguard-bench.jar [--quick] [--only 1,2,...] [--seed N]\n"
                + "  --quick   fewer runs of each figure (a few minutes instead of 10)\n"
                + "  --only    workloads to run: 1 chains, 2 random graph, 3 no-ops, 4 stuck action,\n"
                + "            5 signal to first action, 6 start-up, 7 memory, 8 registration,\n"
                + "            9 start-up with nothing to run, 10 SIGTERM to gone with 1,000 no-ops,\n"
                + "            11 start-up with class-data sharing\n"
                + "  --seed    the seed of workload 2's graph (default " + DEFAULT_SEED + ")";
    }
}
