package dev.exitguard.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Runs every workload under exitguard and under its peers, side by side, and prints a table of
 * ratios and raw figures, each target marked met or missed. See {@code exitguard-bench/README.md}.
 *
 * <pre>{@code
 * mvn -Pbench -pl exitguard-bench -am package -DskipTests
 * java -jar exitguard-bench/target/exitguard-bench.jar            # full run, about 10 minutes
 * java -jar exitguard-bench/target/exitguard-bench.jar --quick    # about 3 minutes
 * }</pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println((e.getMessage().equals("usage") ? "" : e.getMessage() + "\n") + Options.usage());
            System.exit(e.getMessage().equals("usage") ? 0 : 2);
            return;
        }
        Layout layout = Layout.find();
        long start = System.nanoTime();
        Report report = new Report();
        report.header("exitguard-bench: " + (options.quick() ? "quick" : "full") + " run, " + Instant.now());
        report.header(String.format(Locale.ROOT, "JVM %s (%s), %d cores; %d runs per figure in workloads 1-3 (child JVMs), "
                + "%d in 4, %d in 5-6 and 9-11", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), options.planRuns(), options.stuckRuns(), options.latencyRuns()));
        report.header("median, min, max over the runs; x limit = median / the workload's limit; x exitguard = median / the first row's");
        PlanWorkloads plans = new PlanWorkloads(layout, options);
        ProcessWorkloads processes = new ProcessWorkloads(layout, options);
        if (options.runs(1)) {
            stage("1 chains");
            report.add(plans.chains());
        }
        if (options.runs(2)) {
            stage("2 random graph");
            report.add(plans.randomGraph());
        }
        if (options.runs(3)) {
            stage("3 no-ops");
            plans.noOps().forEach(report::add);
        }
        if (options.runs(4)) {
            stage("4 stuck action");
            report.add(processes.stuckAction());
        }
        if (options.runs(5)) {
            stage("5 signal to first action");
            report.add(processes.signalToFirstAction());
        }
        if (options.runs(6)) {
            stage("6 start-up");
            report.add(processes.startup());
        }
        if (options.runs(9)) {
            stage("9 start-up, nothing to run");
            report.add(processes.armed());
        }
        if (options.runs(10)) {
            stage("10 SIGTERM to gone, 1,000 no-ops");
            report.add(processes.gone());
        }
        if (options.runs(11)) {
            stage("11 start-up with class-data sharing");
            report.add(processes.sharing());
        }
        if (options.runs(7)) {
            stage("7 memory");
            report.add(plans.memory());
        }
        if (options.runs(8)) {
            stage("8 registration");
            report.add(plans.registration());
        }
        report.header(String.format(Locale.ROOT, "took %s", format(Duration.ofNanos(System.nanoTime() - start))));
        String text = report.render();
        System.out.println(text);
        Files.writeString(layout.target().resolve("bench-results.txt"), text);
        System.err.println("written to " + layout.target().resolve("bench-results.txt"));
        // JMH and the peers leave threads (some not daemons) behind; the run is over.
        System.exit(0);
    }

    private static void stage(String name) {
        System.err.println("workload " + name);
    }

    private static String format(Duration duration) {
        return duration.toMinutesPart() + " min " + duration.toSecondsPart() + " s";
    }
}
