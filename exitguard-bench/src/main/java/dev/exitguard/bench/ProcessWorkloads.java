package dev.exitguard.bench;

import dev.exitguard.bench.Layout.Jars;
import dev.exitguard.bench.Report.Section;
import dev.exitguard.bench.Report.Target;
import dev.exitguard.bench.Report.Verdict;
import dev.exitguard.testkit.Child;
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
import java.util.regex.Pattern;

/**
 * Workloads 4 to 6, where the JVM itself is the subject: whole child processes, timed from the
 * parent (start, SIGTERM, gone), the peers taking turns run by run.
 */
final class ProcessWorkloads {

    /** How long workload 4 waits for a process before it kills it and calls it "never". */
    private static final Duration STUCK_CAP = Duration.ofSeconds(10);

    /** The line a child prints once it is up. */
    private static final Pattern READY = Pattern.compile("(?m)^ready$");

    /** How long a child runs before it gets its signal: long enough to be past its start-up. */
    private static final long SETTLE_MILLIS = 500;

    private final Layout layout;
    private final Options options;

    ProcessWorkloads(Layout layout, Options options) {
        this.layout = layout;
        this.options = options;
    }

    /** A peer of a process workload: how to start it and what to call it. */
    private record Peer(String id, String label, Jars jars, List<Path> extra) {
        Peer(String id, String label, Jars jars) {
            this(id, label, jars, List.of());
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
                    String.format(Locale.ROOT, "median %.3f ms vs %.3f ms", exitguard.median(), limit.median())));
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
        Map<Peer, List<Double>> ready = new LinkedHashMap<>();
        for (int run = 0; run < options.latencyRuns(); run++) {
            for (Peer peer : peers) {
                try (Child child = start(peer, "startup")) {
                    child.awaitReady(READY);
                    double ms = (System.nanoTime() - child.startedNanos()) / 1e6;
                    child.awaitExit();
                    ready.computeIfAbsent(peer, p -> new ArrayList<>()).add(ms);
                    progress("startup", run, options.latencyRuns(), peer.id, String.format(Locale.ROOT, "%.1f ms", ms));
                }
            }
        }
        Stats plain = Stats.of(ready.get(peers.get(1)));
        Section section = new Section("6. Start-up: JVM start to ready (process started by the parent to its \"ready\" line)",
                "ms", plain.median(), String.format(Locale.ROOT, "%.1f ms, the same main without exitguard (same class path)", plain.median()));
        for (Peer peer : peers) {
            section.row(peer.label, "-", Stats.of(ready.get(peer)), "");
        }
        Stats exitguard = section.statsOf(peers.get(0).label);
        Stats loading = section.statsOf(peers.get(2).label);
        section.notes.add(String.format(Locale.ROOT, "of exitguard's %.1f ms over the plain main, the JDK's ServiceLoader loading and "
                + "instantiating the 100 action classes takes %.1f; exitguard's own share is %.1f ms",
                exitguard.median() - plain.median(), loading.median() - plain.median(), exitguard.median() - loading.median()));
        section.targets.add(new Target("exitguard start-up within 10 % of the plain main",
                exitguard.median() <= 1.10 * plain.median() ? Verdict.MET : Verdict.MISSED,
                String.format(Locale.ROOT, "median %.1f ms vs %.1f ms = %.3f x", exitguard.median(), plain.median(),
                        exitguard.median() / plain.median())));
        return section;
    }

    private Child start(Peer peer, String task) throws IOException {
        return layout.child(peer.extra, peer.jars).arguments(task, peer.id).start();
    }

    private static void progress(String what, int run, int runs, String peer, String figure) {
        System.err.printf(Locale.ROOT, "  %s run %d/%d %-15s %s%n", what, run + 1, runs, peer, figure);
    }
}
