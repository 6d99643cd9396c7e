package dev.exitguard.bench;

import dev.exitguard.bench.Layout.Jars;
import dev.exitguard.bench.Report.Section;
import dev.exitguard.bench.Report.Target;
import dev.exitguard.bench.Report.Verdict;
import dev.exitguard.bench.child.Measure;
import dev.exitguard.bench.child.Plan;
import dev.exitguard.testkit.Child;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Workloads 1 to 3, and the memory figures: a {@link Plan} run by every peer, each run in a fresh
 * child JVM (an exit happens once in a process, so every run is a first one), the peers taking
 * turns run by run so that they share the machine's noise.
 */
final class PlanWorkloads {

    /** A peer as the plan workloads run it. */
    enum Peer {
        EXITGUARD("exitguard", "exitguard (phases, after() edges)", Jars.EXITGUARD),
        SPRING_ASYNC("spring-async", "Spring stop(Runnable) async (levels->phases)", Jars.SPRING),
        SPRING_SYNC("spring-sync", "Spring stop() on closer (levels->phases)", Jars.SPRING),
        HADOOP("hadoop", "Hadoop ShutdownHookManager (priorities)", Jars.HADOOP),
        GUAVA("guava", "Guava ServiceManager (no order possible)", Jars.GUAVA),
        HOOKS("hooks", "plain JVM hooks (no order possible)", Jars.NONE);

        final String id;
        final String label;
        final Jars jars;

        Peer(String id, String label, Jars jars) {
            this.id = id;
            this.label = label;
            this.jars = jars;
        }
    }

    private final Layout layout;
    private final Options options;

    PlanWorkloads(Layout layout, Options options) {
        this.layout = layout;
        this.options = options;
    }

    Section chains() throws IOException, InterruptedException {
        Plan plan = Plan.chains();
        Section section = new Section("1. Chains: two phases, each with chains 300 ms -> 10 ms and 10 ms -> 300 ms", "ms",
                plan.criticalPathMillis(), String.format(Locale.ROOT,
                        "%d ms, the critical path; phase layering gives %,d, one at a time %,d",
                        plan.criticalPathMillis(), plan.layeredMillis(), plan.sumMillis()));
        Map<Peer, List<Measure>> measures = runAll(plan, Duration.ofMinutes(2));
        addRows(section, measures, 1e6, false);
        double target = 1.05 * plan.criticalPathMillis();
        Stats exitguard = section.statsOf(Peer.EXITGUARD.label);
        section.targets.add(new Target(String.format(Locale.ROOT, "exitguard <= 1.05 x %d ms = %.0f ms", plan.criticalPathMillis(), target),
                exitguard.median() <= target && orderKept(measures.get(Peer.EXITGUARD)) ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "median %.1f ms = %.3f x limit", exitguard.median(), exitguard.median() / plan.criticalPathMillis())));
        return section;
    }

    Section randomGraph() throws IOException, InterruptedException {
        Plan plan = Plan.randomDag(options.seed(), 1_000, 5);
        Section section = new Section(String.format(Locale.ROOT,
                "2. Random graph: 1,000 actions in 5 phases, %d after() edges (seed %d), 1-20 ms each",
                plan.edgeCount(), options.seed()), "ms", plan.criticalPathMillis(), String.format(Locale.ROOT,
                        "%,d ms, the sum of each phase's critical path; phase layering gives %,d, one at a time %,d",
                        plan.criticalPathMillis(), plan.layeredMillis(), plan.sumMillis()));
        Map<Peer, List<Measure>> measures = runAll(plan, Duration.ofMinutes(5));
        addRows(section, measures, 1e6, true);
        double target = 1.05 * plan.criticalPathMillis();
        Stats exitguard = section.statsOf(Peer.EXITGUARD.label);
        section.targets.add(new Target(String.format(Locale.ROOT, "exitguard within 5 %% of %,d ms (<= %.0f ms)", plan.criticalPathMillis(), target),
                exitguard.median() <= target && orderKept(measures.get(Peer.EXITGUARD)) ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "median %.1f ms = %.3f x limit", exitguard.median(), exitguard.median() / plan.criticalPathMillis())));
        return section;
    }

    /**
     * Workload 3: 10,000 no-ops. The overhead per action warm, with JMH, for the peers that can exit
     * without the JVM exiting; then one cold exit in a fresh JVM for every peer, with its threads.
     */
    List<Section> noOps() throws IOException, InterruptedException, RunnerException {
        int actions = 10_000;
        Plan plan = Plan.noOps(actions);
        Section warm = new Section("3. No-ops, warm (JMH): 10,000 actions that do nothing, one phase; overhead per action",
                "us/action", 0, "0 us per action; each exit timed once after a fresh registration");
        warm.rows.addAll(jmh(actions));
        Section cold = new Section("3. No-ops, cold: the same, one exit in a fresh JVM (threads: started / peak during it)",
                "us/action", 0, "0 us per action, and no thread per action");
        cold.extraHeader = "threads started / peak during the exit";
        Map<Peer, List<Measure>> measures = runAll(plan, Duration.ofMinutes(5));
        for (Map.Entry<Peer, List<Measure>> entry : measures.entrySet()) {
            List<Double> values = entry.getValue().stream().map(m -> m.nanos() / 1e3 / actions).toList();
            cold.row(entry.getKey().label, orderText(entry.getValue()), Stats.of(values), threadsText(entry.getValue()));
        }
        Stats warmGuard = warm.statsOf(Peer.EXITGUARD.label + ", JMH");
        Stats coldGuard = cold.statsOf(Peer.EXITGUARD.label);
        Stats started = Stats.of(measures.get(Peer.EXITGUARD).stream().map(m -> (double) m.threadsStarted()).toList());
        warm.targets.add(new Target("exitguard under 10 us an action", warmGuard.median() < 10 ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "median %.3f us an action warm; %.3f cold", warmGuard.median(), coldGuard.median())));
        cold.targets.add(new Target("no thread per no-op action: one exit starts at most 100 threads (1 % of the actions)",
                started.max() <= 100 ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "threads started by one exit: median %.0f, max %.0f", started.median(), started.max())));
        return List.of(warm, cold);
    }

    private List<Report.Row> jmh(int actions) throws RunnerException {
        System.err.println("  JMH: " + NoOpExitBenchmark.class.getSimpleName() + ", " + options.jmhWarmups() + " warm-up + "
                + options.jmhIterations() + " measured exits per peer");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(NoOpExitBenchmark.class.getName())
                .param("actions", String.valueOf(actions))
                .warmupIterations(options.jmhWarmups())
                .measurementIterations(options.jmhIterations())
                .forks(1)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        Map<String, Stats> byPeer = new LinkedHashMap<>();
        for (RunResult result : results) {
            Statistics s = result.getPrimaryResult().getStatistics();
            byPeer.put(result.getParams().getParam("peer"), new Stats(s.getPercentile(50) / actions, s.getMin() / actions,
                    s.getMax() / actions, (int) s.getN()));
        }
        List<Report.Row> rows = new ArrayList<>();
        for (Peer peer : Peer.values()) {
            Stats stats = byPeer.get(peer.id);
            if (stats != null) {
                rows.add(new Report.Row(peer.label + ", JMH", "-", stats, ""));
            }
        }
        return rows;
    }

    /** The heap each peer retains per registered no-op action, the action object included. */
    Section memory() throws IOException, InterruptedException {
        int count = 10_000;
        Section section = new Section("7. Memory: heap retained per registered no-op action (10,000 registered, action objects included)",
                "bytes", Double.NaN, "none; smaller is better (serial GC, heap read after full GCs)");
        String[][] peers = {
            {"exitguard", "exitguard (installed guard)"},
            {"spring", "Spring SmartLifecycle beans (refreshed context)"},
            {"hadoop", "Hadoop ShutdownHookManager hooks"},
            {"guava", "Guava ServiceManager (started)"},
            {"hooks", "plain JVM hooks (unstarted Threads)"},
        };
        Jars[] jars = {Jars.EXITGUARD, Jars.SPRING, Jars.HADOOP, Jars.GUAVA, Jars.NONE};
        Map<Integer, List<Double>> values = new LinkedHashMap<>();
        for (int run = 0; run < options.memoryRuns(); run++) {
            for (int i = 0; i < peers.length; i++) {
                try (Child child = layout.child(List.of(), jars[i]).flag("-XX:+UseSerialGC").flag("-Xms1g").flag("-Xmx1g")
                        .arguments("memory", peers[i][0], String.valueOf(count)).start()) {
                    String line = child.awaitLine("MEMORY ", Duration.ofMinutes(5));
                    double bytes = Double.parseDouble(line.substring(line.indexOf('=') + 1));
                    values.computeIfAbsent(i, k -> new ArrayList<>()).add(bytes);
                    progress("memory", run, peers[i][0], String.format(Locale.ROOT, "%.0f bytes/action", bytes));
                }
            }
        }
        for (int i = 0; i < peers.length; i++) {
            section.row(peers[i][1], "-", Stats.of(values.get(i)), "");
        }
        return section;
    }

    /**
     * Workload 8: a chain of {@code after()} edges added one by one with {@code register()}, against
     * the builder adding the same graph at once, in the chain's order, the reverse and a random one;
     * each figure from a fresh JVM. Registering one action must cost about its own edges, so the
     * whole chain one by one within twice the builder's time.
     */
    Section registration() throws IOException, InterruptedException {
        int[] sizes = {10_000, 20_000};
        String[][] orders = {{"chain", "in the chain's order"}, {"reverse", "in reverse"}, {"random", "in a random order"}};
        Section section = new Section("8. Registration: a chain of after() edges (c1 after c0, c2 after c1, ...) added"
                + " to a guard", "ms", Double.NaN, "none; register() one by one within 2 x the builder for the same graph");
        for (String[] order : orders) {
            for (int size : sizes) {
                Stats builder = null;
                for (String way : List.of("builder", "register")) {
                    List<Double> values = new ArrayList<>();
                    for (int run = 0; run < options.memoryRuns(); run++) {
                        try (Child child = layout.child(List.of(), Jars.EXITGUARD)
                                .arguments("registration", way, order[0], String.valueOf(size)).start()) {
                            String line = child.awaitLine("REGISTRATION ", Duration.ofMinutes(5));
                            values.add(Double.parseDouble(line.substring(line.indexOf('=') + 1)));
                        }
                        System.err.printf(Locale.ROOT, "  registration run %d/%d %-8s %-7s %,d: %.1f ms%n", run + 1,
                                options.memoryRuns(), way, order[0], size, values.get(values.size() - 1));
                    }
                    Stats stats = Stats.of(values);
                    String label = String.format(Locale.ROOT, "%s, %,d %s", way.equals("builder") ? "builder, at once"
                            : "register() one by one", size, order[1]);
                    section.row(label, "-", stats, builder == null ? "" : String.format(Locale.ROOT,
                            "%.2f x the builder", stats.median() / builder.median()));
                    if (builder == null) {
                        builder = stats;
                    } else if (size == sizes[sizes.length - 1]) {
                        section.targets.add(new Target(String.format(Locale.ROOT,
                                "register() one by one, %,d %s, within 2 x the builder", size, order[1]),
                                stats.median() <= 2 * builder.median() ? Verdict.MET : Verdict.MISSED,
                                String.format(Locale.ROOT, "median %.1f ms vs %.1f ms = %.2f x", stats.median(),
                                        builder.median(), stats.median() / builder.median())));
                    }
                }
            }
        }
        section.extraHeader = "register() / builder";
        section.notes.add("the log is off: registered before what it is after, an action gets a warning for that edge"
                + " (a line each, in the reverse and random orders most of their time), which is not what is measured");
        return section;
    }

    private Map<Peer, List<Measure>> runAll(Plan plan, Duration timeout) throws IOException, InterruptedException {
        Map<Peer, List<Measure>> measures = new LinkedHashMap<>();
        for (Peer peer : Peer.values()) {
            measures.put(peer, new ArrayList<>());
        }
        for (int run = 0; run < options.planRuns(); run++) {
            for (Peer peer : Peer.values()) {
                Measure measure = runOnce(plan, peer, timeout);
                measures.get(peer).add(measure);
                progress(plan.spec(), run, peer.id, String.format(Locale.ROOT, "%.3f ms%s", measure.nanos() / 1e6,
                        measure.orderKept() ? "" : ", order broken"));
            }
        }
        return measures;
    }

    private Measure runOnce(Plan plan, Peer peer, Duration timeout) throws IOException, InterruptedException {
        try (Child child = layout.child(List.of(), peer.jars).arguments("plan", peer.id, plan.spec()).start()) {
            return Measure.parse(child.awaitLine("RESULT ", timeout));
        }
    }

    private void progress(String what, int run, String peer, String figure) {
        System.err.printf(Locale.ROOT, "  %s run %d/%d %-13s %s%n", what, run + 1,
                what.equals("memory") ? options.memoryRuns() : options.planRuns(), peer, figure);
    }

    /**
     * The rows of workloads 1 and 2. Beside the figures: the median time beyond the critical path
     * of the durations as they ran (a sleep overshoots; what is left over is the peer's own doing),
     * and, for workload 2, the threads.
     */
    private static void addRows(Section section, Map<Peer, List<Measure>> measures, double divisor, boolean threads) {
        section.extraHeader = "beyond the path as run" + (threads ? "; threads started / peak" : "");
        for (Map.Entry<Peer, List<Measure>> entry : measures.entrySet()) {
            List<Measure> runs = entry.getValue();
            List<Double> values = runs.stream().map(m -> m.nanos() / divisor).toList();
            Stats beyond = Stats.of(runs.stream().map(m -> (m.nanos() - m.pathNanos()) / divisor).toList());
            Stats path = Stats.of(runs.stream().map(m -> m.pathNanos() / divisor).toList());
            String extra = runs.get(0).edges() > 0 && !orderKept(runs)
                    ? "- (order broken)"
                    : String.format(Locale.ROOT, "%+.1f (path as run %s)", beyond.median(), Report.number(path.median()));
            section.row(entry.getKey().label, orderText(runs), Stats.of(values), threads ? extra + "; " + threadsText(runs) : extra);
        }
    }

    private static boolean orderKept(List<Measure> measures) {
        return measures.stream().allMatch(Measure::orderKept);
    }

    /** "kept", or how badly the worst run broke the order. */
    private static String orderText(List<Measure> measures) {
        Measure worst = measures.stream().max((a, b) -> Integer.compare(a.brokenEdges() + a.barrierBreaks(),
                b.brokenEdges() + b.barrierBreaks())).orElseThrow();
        if (worst.orderKept()) {
            return "kept";
        }
        return String.format(Locale.ROOT, "BROKEN %d/%d edges, %d early", worst.brokenEdges(), worst.edges(), worst.barrierBreaks());
    }

    private static String threadsText(List<Measure> measures) {
        Stats started = Stats.of(measures.stream().map(m -> (double) m.threadsStarted()).toList());
        Stats peak = Stats.of(measures.stream().map(m -> (double) m.peakThreads()).toList());
        return String.format(Locale.ROOT, "%.0f / %.0f", started.median(), peak.median());
    }
}
