package dev.exitguard.bench;

import dev.exitguard.bench.child.InProcess;
import dev.exitguard.bench.child.Plan;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 3: the exit of {@code actions} no-op actions in one phase, under each in-process peer;
 * the score divided by {@code actions} is the overhead per action. Each iteration registers afresh
 * (not timed) and times one exit, since an exit happens once per registration.
 *
 * <pre>{@code
 * java -jar exitguard-bench/target/exitguard-bench.jar --only 3
 * java -cp exitguard-bench/target/exitguard-bench.jar org.openjdk.jmh.Main NoOpExitBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
public class NoOpExitBenchmark {

    /** Kept so that the level sticks: the report table is built, not written out. */
    private static final Logger EXITGUARD_LOG = Logger.getLogger("dev.exitguard");

    @Param({"exitguard", "guava", "spring-sync", "spring-async"})
    public String peer;

    @Param("10000")
    public int actions;

    private InProcess prepared;

    @Setup(Level.Trial)
    public void quiet() {
        EXITGUARD_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    @Setup(Level.Iteration)
    public void register() throws Exception {
        prepared = InProcess.prepare(peer, Plan.noOps(actions), index -> { });
    }

    @Benchmark
    public void exit() throws Exception {
        prepared.exit();
    }

    @TearDown(Level.Iteration)
    public void release() {
        prepared.close();
    }
}
