package dev.exitguard.bench;

import dev.exitguard.bench.Layout.Jars;
import dev.exitguard.bench.Report.Section;
import dev.exitguard.bench.Report.Target;
import dev.exitguard.bench.Report.Verdict;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Workloads 4 to 6, 9 to 11, where the JVM itself is the subject: whole child processes, timed from the
 * parent (start, SIGTERM, gone), the peers taking turns run by run.
 */
final class ProcessWorkloads {

    /** How long workload 4 waits for a process before it kills it and calls it "never". */
    private static final Duration STUCK_CAP = Duration.ofSeconds(10);

    /** The line a child prints once it is up. */
    private static final Pattern READY = Pattern.compile("(?m)^ready$");

    /** How many no-op actions workload 10 registers. */
    private static final int GONE_ACTIONS = 1_000;

    /** How long a child runs before it gets its signal: long enough to be past its start-up. */
    private static final long SETTLE_MILLIS = 500;

    private final Layout layout;
    private final Options options;

    ProcessWorkloads(Layout layout, Options options) {
        this.layout = layout;
        this.options = options;
    }

    /**
     * A peer of a process workload: how to start it and what to call it; {@code withoutActions}
     * starts it on the child jar without its 100 ServiceLoader actions.
     */
    private record Peer(String id, String label, Jars jars, List<Path> extra, boolean withoutActions) {
        Peer(String id, String label, Jars jars) {
            this(id, label, jars, List.of(), false);
        }

        Peer(String id, String label, Jars jars, List<Path> extra) {
            this(id, label, jars, extra, false);
        }

        static Peer withoutActions(String id, String label, Jars jars) {
            return new Peer(id, label, jars, List.of(), true);
        }
    }

    Section stuckAction() throws IOException, InterruptedException {
        Path hadoopConf = hadoopConf();
        List<Peer> peers = List.of(
                new Peer("exitguard", "exitguard (deadline 2 s)", Jars.EXITGUARD),
                new Peer("spring-async", "Spring async stop (timeoutPerShutdownPhase 2s)", Jars.SPRING),
                new Peer("spring-sync", "Spring stop() (timeoutPerShutdownPhase 2s)", Jars.SPRING),
                new Peer("hadoop", "Hadoop (hook timeout 2s, service timeout 2s)", Jars.HADOOP, List.of(hadoopConf)),
                new Peer("guava", "Guava (awaitStopped(2 s) in a JVM hook)", Jars.GUAVA),
                new Peer("hooks", "plain JVM hook (nothing bounds it)", Jars.NONE));
        Section section = new Section("4. Stuck action: one action that never returns (ignores interrupts), deadline 2 s; SIGTERM to process gone",
                "ms", 2_000, "2,000 ms, the deadline; a process still there after " + STUCK_CAP.toSeconds() + " s is killed and counted as never gone");
        Map<Peer, List<Double>> gone = new LinkedHashMap<>();
        Map<Peer, Integer> exitCodes = new LinkedHashMap<>();
        List<Peer> never = new ArrayList<>();
        for (int run = 0; run < options.stuckRuns(); run++) {
            for (Peer peer : peers) {
                if (never.contains(peer)) {
                    continue;
                }
                try (Child child = start(peer, "stuck")) {
                    child.awaitReady(READY);
                    Thread.sleep(SETTLE_MILLIS);
                    long signalled = System.nanoTime();
                    child.terminate();
                    boolean ended = child.exitsWithin(STUCK_CAP);
                    long ms = (System.nanoTime() - signalled) / 1_000_000;
                    if (!ended) {
                        never.add(peer);
                        progress("stuck", run, options.stuckRuns(), peer.id, "not gone after " + STUCK_CAP.toSeconds() + " s; killed");
                        continue;
                    }
                    int exitCode = child.awaitExit().exitCode();
                    gone.computeIfAbsent(peer, p -> new ArrayList<>()).add((double) ms);
                    exitCodes.put(peer, exitCode);
                    progress("stuck", run, options.stuckRuns(), peer.id, ms + " ms, exit code " + exitCode);
                }
            }
        }
        for (Peer peer : peers) {
            if (never.contains(peer)) {
                section.row(peer.label, "-", null, "never gone: killed after " + STUCK_CAP.toSeconds() + " s (not run again)");
            } else {
                section.row(peer.label, "-", Stats.of(gone.get(peer)), "exit code " + exitCodes.get(peer));
            }
        }
        Stats exitguard = section.statsOf(peers.get(0).label);
        section.targets.add(exitguard == null
                ? new Target("exitguard gone within 2.5 s", Verdict.MISSED, "never gone")
                : new Target("exitguard gone within 2.5 s", exitguard.max() <= 2_500 ? Verdict.MET : Verdict.MISSED,
                        String.format(Locale.ROOT, "median %.0f ms, max %.0f ms", exitguard.median(), exitguard.max())));
        section.notes.add("without exitguard-signals the SIGTERM reaches exitguard through its JVM shutdown hook; with it, through its trigger");
        return section;
    }

    /** A folder with Hadoop's core-site.xml, setting hadoop.service.shutdown.timeout to the deadline. */
    private Path hadoopConf() throws IOException {
        Path folder = layout.target().resolve("bench-hadoop-conf");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration>\n"
                + "  <property><name>hadoop.service.shutdown.timeout</name><value>2s</value></property>\n"
                + "</configuration>\n");
        return folder;
    }

    Section signalToFirstAction() throws IOException, InterruptedException {
        boolean signals = layout.hasSignalsTrigger();
        List<Peer> peers = new ArrayList<>();
        if (signals) {
            peers.add(new Peer("exitguard", "exitguard (exitguard-signals trigger)", Jars.EXITGUARD));
        }
        peers.add(new Peer("hooks", "plain JVM hook", Jars.NONE));
        peers.add(new Peer("exitguard-hook", "exitguard via its JVM hook (no trigger)", Jars.EXITGUARD));
        Map<Peer, List<Double>> first = new LinkedHashMap<>();
        Map<Peer, List<Double>> gone = new LinkedHashMap<>();
        Map<Peer, Integer> exitCodes = new LinkedHashMap<>();
        for (int run = 0; run < options.latencyRuns(); run++) {
            for (Peer peer : peers) {
                try (Child child = start(peer, "signal")) {
                    if (peer.id.equals("exitguard")) {
                        String triggers = child.awaitLine("triggers=", Duration.ofMinutes(1));
                        if (!triggers.contains("dev.exitguard.signals")) {
                            throw new IOException("the exitguard child found no trigger of dev.exitguard.signals: " + triggers);
                        }
                    }
                    child.awaitReady(READY);
                    Thread.sleep(SETTLE_MILLIS);
                    Instant now = Instant.now();
                    long signalled = System.nanoTime();
                    child.terminate();
                    String line = child.awaitLine("first ", Duration.ofSeconds(30));
                    long micros = Long.parseLong(line.substring("first ".length()).trim());
                    long sentMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                    double ms = (micros - sentMicros) / 1e3;
                    if (!child.exitsWithin(Duration.ofSeconds(30))) {
                        throw new IOException(peer.id + ": the child did not exit after its first action\n"
                                + child.describeSoFar());
                    }
                    double goneMs = (System.nanoTime() - signalled) / 1e6;
                    int exitCode = child.awaitExit().exitCode();
                    first.computeIfAbsent(peer, p -> new ArrayList<>()).add(ms);
                    gone.computeIfAbsent(peer, p -> new ArrayList<>()).add(goneMs);
                    exitCodes.put(peer, exitCode);
                    progress("signal", run, options.latencyRuns(), peer.id, String.format(Locale.ROOT,
                            "first action %.3f ms, gone %.1f ms, exit code %d", ms, goneMs, exitCode));
                }
            }
        }
        Peer hook = peers.stream().filter(p -> p.id.equals("hooks")).findFirst().orElseThrow();
        Stats limit = Stats.of(first.get(hook));
        Section section = new Section("5. Signal to first action: SIGTERM to the first action's wall-clock start, in a ready child JVM",
                "ms", limit.median(), String.format(Locale.ROOT,
                "%.3f ms, the plain JVM hook's median: the JVM's own path from a signal to code", limit.median()));
        section.extraHeader = "process gone after (median ms)";
        if (!signals) {
            section.row("exitguard (exitguard-signals trigger)", "-", null,
                    "WAITING: exitguard-signals provides no ExitTrigger on this branch yet");
        }
        for (Peer peer : peers) {
            section.row(peer.label, "-", Stats.of(first.get(peer)), String.format(Locale.ROOT, "%.1f, exit code %d",
                    Stats.of(gone.get(peer)).median(), exitCodes.get(peer)));
        }
        if (signals) {
            Stats exitguard = section.statsOf(peers.get(0).label);
            section.targets.add(new Target("exitguard no slower than the plain JVM hook's median",
                    exitguard.median() <= limit.median() ? Verdict.MET : Verdict.MISSED,
                    String.format(Locale.ROOT, "median %.3f ms vs %.3f ms = %.3f x", exitguard.median(), limit.median(),
                            exitguard.median() / limit.median())));
            double exitguardGone = Stats.of(gone.get(peers.get(0))).median();
            double hookGone = Stats.of(gone.get(hook)).median();
            section.targets.add(new Target("SIGTERM to process gone, 1 action: exitguard no slower than the plain JVM hook",
                    exitguardGone <= hookGone ? Verdict.MET : Verdict.MISSED,
                    String.format(Locale.ROOT, "median %.1f ms vs %.1f ms = %.3f x", exitguardGone, hookGone,
                            exitguardGone / hookGone)));
        } else {
            section.targets.add(new Target("exitguard no slower than the plain JVM hook's median", Verdict.WAITING,
                    "exitguard-signals is not on this branch: no SIGTERM trigger to measure"));
        }
        section.notes.add("the signal is SIGTERM (ProcessHandle.destroy(), kill -TERM); timestamps are wall-clock microseconds on one machine");
        return section;
    }

    Section startup() throws IOException, InterruptedException {
        List<Peer> peers = List.of(
                new Peer("exitguard", "exitguard: install(), 100 ServiceLoader actions", Jars.EXITGUARD),
                new Peer("plain", "the same main without exitguard", Jars.EXITGUARD),
                new Peer("serviceloader", "same main, ServiceLoader loads the 100 only", Jars.EXITGUARD),
                new Peer("hooks", "100 plain JVM hooks", Jars.NONE),
                new Peer("hadoop", "100 Hadoop hooks", Jars.HADOOP),
                new Peer("guava", "Guava ServiceManager, 100 services", Jars.GUAVA),
                new Peer("spring", "Spring context, 100 SmartLifecycle beans", Jars.SPRING));
        Map<Peer, List<Double>> inside = new LinkedHashMap<>();
        Map<Peer, List<Double>> ready = readyTimes(peers, peer -> List.of(), "startup", inside);
        Stats plain = Stats.of(ready.get(peers.get(1)));
        Section section = new Section("6. Start-up: JVM start to ready (process started by the parent to its \"ready\" line)",
                "ms", plain.median(), String.format(Locale.ROOT, "%.1f ms, the same main without exitguard (same class path)", plain.median()));
        section.extraHeader = INSIDE_HEADER;
        for (Peer peer : peers) {
            section.row(peer.label, "-", Stats.of(ready.get(peer)), inside(inside.get(peer)));
        }
        Stats exitguard = section.statsOf(peers.get(0).label);
        Stats loading = section.statsOf(peers.get(2).label);
        section.notes.add(String.format(Locale.ROOT, "of exitguard's %.1f ms over the plain main, the JDK's ServiceLoader loading and "
                + "instantiating the 100 action classes takes %.1f; exitguard's own share is %.1f ms",
                exitguard.median() - plain.median(), loading.median() - plain.median(), exitguard.median() - loading.median()));
        section.notes.add(String.format(Locale.ROOT, "inside the child, install() took %.1f ms, ServiceLoader alone %.1f: %+.1f ms",
                Stats.of(inside.get(peers.get(0))).median(), Stats.of(inside.get(peers.get(2))).median(),
                Stats.of(inside.get(peers.get(0))).median() - Stats.of(inside.get(peers.get(2))).median()));
        section.targets.add(new Target("exitguard start-up at most 10 ms over ServiceLoader loading the 100 alone",
                exitguard.median() <= loading.median() + 10 ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "median %.1f ms vs %.1f ms: %+.1f ms, %.3f x", exitguard.median(), loading.median(),
                        exitguard.median() - loading.median(), exitguard.median() / loading.median())));
        return section;
    }

    /** Workload 9: {@code install()} with no action to run, signals armed, against a main that does nothing. */
    Section armed() throws IOException, InterruptedException {
        List<Peer> peers = List.of(
                Peer.withoutActions("exitguard", "exitguard: install(), no action, signals armed", Jars.EXITGUARD),
                Peer.withoutActions("plain", "the same main without exitguard", Jars.EXITGUARD),
                new Peer("hook", "one plain JVM hook", Jars.NONE),
                new Peer("hadoop", "Hadoop ShutdownHookManager, no hook", Jars.HADOOP),
                new Peer("guava", "Guava ServiceManager, no service", Jars.GUAVA),
                new Peer("spring", "Spring context, no bean, its hook", Jars.SPRING));
        Map<Peer, List<Double>> inside = new LinkedHashMap<>();
        Map<Peer, List<Double>> ready = readyTimes(peers, peer -> List.of(), "armed", inside);
        Stats plain = Stats.of(ready.get(peers.get(1)));
        Section section = new Section("9. Start-up, nothing to run: JVM start to ready, install() with no action and the signals armed",
                "ms", plain.median(), String.format(Locale.ROOT, "%.1f ms, the same main without exitguard (same class path)",
                plain.median()));
        section.extraHeader = INSIDE_HEADER;
        for (Peer peer : peers) {
            section.row(peer.label, "-", Stats.of(ready.get(peer)), inside(inside.get(peer)));
        }
        Stats exitguard = section.statsOf(peers.get(0).label);
        section.notes.add(String.format(Locale.ROOT, "inside the child, install() with no action took %.1f ms",
                Stats.of(inside.get(peers.get(0))).median()));
        section.targets.add(new Target("exitguard at most 10 ms over the plain main",
                exitguard.median() <= plain.median() + 10 ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "median %.1f ms vs %.1f ms: %+.1f ms, %.3f x", exitguard.median(), plain.median(),
                        exitguard.median() - plain.median(), exitguard.median() / plain.median())));
        return section;
    }

    /** Workload 10: SIGTERM to process gone with 1,000 no-op actions, against a JVM with no hook at all. */
    Section gone() throws IOException, InterruptedException {
        List<Peer> peers = List.of(
                new Peer("exitguard", "exitguard, 1,000 no-op actions", Jars.EXITGUARD),
                new Peer("bare", "bare JVM, no hook", Jars.NONE),
                new Peer("exitguard-logged", "exitguard, 1,000, report table logged", Jars.EXITGUARD),
                new Peer("hooks", "1,000 plain JVM hooks", Jars.NONE),
                new Peer("hadoop", "1,000 Hadoop hooks", Jars.HADOOP),
                new Peer("guava", "Guava ServiceManager, 1,000 services", Jars.GUAVA),
                new Peer("spring", "Spring context, 1,000 SmartLifecycle beans", Jars.SPRING));
        Map<Peer, List<Double>> gone = new LinkedHashMap<>();
        Map<Peer, Integer> exitCodes = new LinkedHashMap<>();
        for (int run = 0; run < options.latencyRuns(); run++) {
            for (Peer peer : peers) {
                try (Child child = start(peer, "gone", Integer.toString(GONE_ACTIONS))) {
                    child.awaitReady(READY);
                    Thread.sleep(SETTLE_MILLIS);
                    long signalled = System.nanoTime();
                    child.terminate();
                    if (!child.exitsWithin(Duration.ofSeconds(30))) {
                        throw new IOException(peer.id + ": the child was not gone 30 s after SIGTERM\n" + child.describeSoFar());
                    }
                    double ms = (System.nanoTime() - signalled) / 1e6;
                    int exitCode = child.awaitExit().exitCode();
                    gone.computeIfAbsent(peer, p -> new ArrayList<>()).add(ms);
                    exitCodes.put(peer, exitCode);
                    progress("gone", run, options.latencyRuns(), peer.id, String.format(Locale.ROOT, "%.1f ms, exit code %d", ms,
                            exitCode));
                }
            }
        }
        Stats bare = Stats.of(gone.get(peers.get(1)));
        Section section = new Section("10. SIGTERM to process gone, 1,000 no-op actions, in a ready child JVM",
                "ms", bare.median(), String.format(Locale.ROOT, "%.1f ms, a bare JVM with no hook", bare.median()));
        for (Peer peer : peers) {
            section.row(peer.label, "-", Stats.of(gone.get(peer)), "exit code " + exitCodes.get(peer));
        }
        Stats exitguard = section.statsOf(peers.get(0).label);
        section.notes.add("exitguard's rows build the report of 1,000 rows at every exit; the first writes it to the log only at"
                + " WARNING (as workloads 1-3), the second logs the table through System.Logger to stderr, as by default");
        section.targets.add(new Target("exitguard at most 20 ms over the bare JVM",
                exitguard.median() <= bare.median() + 20 ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "median %.1f ms vs %.1f ms: %+.1f ms", exitguard.median(), bare.median(),
                        exitguard.median() - bare.median())));
        return section;
    }

    /**
     * Workload 11: workloads 6 and 9 again, each peer with a class-data-sharing archive of its own
     * class path, made by one run before the measured ones, as a user gets it: on JDK 19 and later
     * {@code -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=F} (the JVM writes F at the first
     * exit and maps it from then on); before, {@code -XX:ArchiveClassesAtExit=F} once, then
     * {@code -XX:SharedArchiveFile=F}. The rows without an archive run beside them, in turns.
     */
    Section sharing() throws IOException, InterruptedException {
        Path folder = layout.target().resolve("bench-cds");
        Files.createDirectories(folder);
        boolean auto = Runtime.version().feature() >= 19;
        List<Peer> peers = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        for (boolean archived : new boolean[] {false, true}) {
            String suffix = archived ? ", with its archive" : "";
            String tag = archived ? "+cds" : "";
            peers.add(new Peer("exitguard" + tag, "install(), 100 ServiceLoader actions" + suffix, Jars.EXITGUARD));
            peers.add(new Peer("serviceloader" + tag, "ServiceLoader loads the 100 only" + suffix, Jars.EXITGUARD));
            peers.add(Peer.withoutActions("exitguard" + tag + "-none", "install(), no action" + suffix, Jars.EXITGUARD));
            peers.add(Peer.withoutActions("plain" + tag, "plain main" + suffix, Jars.EXITGUARD));
        }
        Map<Peer, Path> archives = new LinkedHashMap<>();
        for (Peer peer : peers) {
            if (peer.id.contains("+cds")) {
                Path archive = folder.resolve(peer.id.replace('+', '-') + "-jdk" + Runtime.version().feature() + ".jsa");
                Files.deleteIfExists(archive);
                archives.put(peer, archive);
                List<String> training = auto
                        ? List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive)
                        : List.of("-XX:ArchiveClassesAtExit=" + archive);
                try (Child child = start(peer, training, task(peer))) {
                    child.awaitReady(READY);
                    child.awaitExit();
                }
                if (!Files.isRegularFile(archive)) {
                    throw new IOException(peer.id + ": the training run wrote no archive " + archive);
                }
            }
        }
        Map<Peer, List<Double>> ready = new LinkedHashMap<>();
        Map<Peer, List<Double>> inside = new LinkedHashMap<>();
        for (int run = 0; run < options.latencyRuns(); run++) {
            for (Peer peer : peers) {
                Path archive = archives.get(peer);
                List<String> jvm = archive == null ? List.of()
                        : auto ? List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive)
                        : List.of("-XX:SharedArchiveFile=" + archive);
                try (Child child = start(peer, jvm, task(peer))) {
                    child.awaitReady(READY);
                    double ms = (System.nanoTime() - child.startedNanos()) / 1e6;
                    inside.computeIfAbsent(peer, p -> new ArrayList<>()).add(took(child));
                    child.awaitExit();
                    ready.computeIfAbsent(peer, p -> new ArrayList<>()).add(ms);
                    progress("sharing", run, options.latencyRuns(), peer.id, String.format(Locale.ROOT, "%.1f ms", ms));
                }
            }
        }
        Stats first = Stats.of(ready.get(peers.get(0)));
        Section section = new Section("11. Start-up with class-data sharing: workloads 6 and 9, each class path with its own archive ("
                + (auto ? "-XX:+AutoCreateSharedArchive" : "-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile") + ")",
                "ms", Double.NaN, "none; the rows without an archive are the reference");
        section.extraHeader = INSIDE_HEADER;
        for (Peer peer : peers) {
            section.row(peer.label, "-", Stats.of(ready.get(peer)), inside(inside.get(peer)));
        }
        String[] kinds = {"install(), 100 ServiceLoader actions", "ServiceLoader loads the 100 only", "install(), no action", "plain main"};
        for (String kind : kinds) {
            Stats without = section.statsOf(kind);
            Stats with = section.statsOf(kind + ", with its archive");
            section.notes.add(String.format(Locale.ROOT, "%s: %.1f ms with its archive against %.1f without (%.3f x)", kind,
                    with.median(), without.median(), with.median() / without.median()));
        }
        Stats withAll = section.statsOf(kinds[0] + ", with its archive");
        Stats loadingWith = section.statsOf(kinds[1] + ", with its archive");
        Stats noneWith = section.statsOf(kinds[2] + ", with its archive");
        Stats plainWith = section.statsOf(kinds[3] + ", with its archive");
        section.notes.add(String.format(Locale.ROOT, "with archives: exitguard's own share over ServiceLoader alone %+.1f ms (%+.1f without);"
                + " install() with no action over the plain main %+.1f ms (%+.1f without)",
                withAll.median() - loadingWith.median(), first.median() - section.statsOf(kinds[1]).median(),
                noneWith.median() - plainWith.median(), section.statsOf(kinds[2]).median() - section.statsOf(kinds[3]).median()));
        return section;
    }

    private static final String INSIDE_HEADER = "the peer's own start-up inside the child (median ms)";

    /** The {@code took} line of a start-up child: its peer's own start-up, in ms. */
    private static double took(Child child) throws InterruptedException {
        String line = child.awaitLine("took ", Duration.ofSeconds(30));
        return Long.parseLong(line.substring("took ".length()).trim()) / 1e3;
    }

    private static String inside(List<Double> values) {
        return String.format(Locale.ROOT, "%.1f", Stats.of(values).median());
    }

    private static String task(Peer peer) {
        return peer.id.endsWith("-none") || peer.id.startsWith("plain") ? "armed" : "startup";
    }

    /** Each peer started {@code latencyRuns} times, in turns: process start to its ready line, in ms. */
    private Map<Peer, List<Double>> readyTimes(List<Peer> peers, Function<Peer, List<String>> jvmOptions, String task,
            Map<Peer, List<Double>> inside) throws IOException, InterruptedException {
        Map<Peer, List<Double>> ready = new LinkedHashMap<>();
        for (int run = 0; run < options.latencyRuns(); run++) {
            for (Peer peer : peers) {
                try (Child child = start(peer, jvmOptions.apply(peer), task)) {
                    child.awaitReady(READY);
                    double ms = (System.nanoTime() - child.startedNanos()) / 1e6;
                    inside.computeIfAbsent(peer, p -> new ArrayList<>()).add(took(child));
                    child.awaitExit();
                    ready.computeIfAbsent(peer, p -> new ArrayList<>()).add(ms);
                    progress(task, run, options.latencyRuns(), peer.id, String.format(Locale.ROOT, "%.1f ms", ms));
                }
            }
        }
        return ready;
    }

    private Child start(Peer peer, String task, String... more) throws IOException {
        return start(peer, List.of(), task, more);
    }

    private Child start(Peer peer, List<String> jvmOptions, String task, String... more) throws IOException {
        ChildJvm jvm = peer.withoutActions ? layout.childWithoutActions(peer.extra, peer.jars) : layout.child(peer.extra, peer.jars);
        jvmOptions.forEach(jvm::flag);
        // The child knows the peer by its id without what tells the variants here apart.
        List<String> args = new ArrayList<>(List.of(task, peer.id.replace("+cds", "").replace("-none", "")));
        args.addAll(List.of(more));
        return jvm.arguments(args.toArray(String[]::new)).start();
    }

    private static void progress(String what, int run, int runs, String peer, String figure) {
        System.err.printf(Locale.ROOT, "  %s run %d/%d %-15s %s%n", what, run + 1, runs, peer, figure);
    }
}
