package dev.exitguard.bench;

import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitReport;
import dev.exitguard.core.ProcessTerminator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What exitguard's JFR events cost an exit: one in-process exit of {@code actions} no-op actions,
 * timed, in a JVM set up one of three ways by the command line (each exit on a fresh guard, built
 * outside the timing):
 *
 * <pre>{@code
 * # no jdk.jfr in the runtime at all: nothing of JFR can be loaded
 * java -cp exitguard-bench/target/exitguard-bench.jar org.openjdk.jmh.Main ExitEventsBenchmark \
 *     -jvmArgsAppend "--limit-modules java.base,java.logging,java.management,jdk.management"
 * # jdk.jfr there, no recording: the default
 * java -cp exitguard-bench/target/exitguard-bench.jar org.openjdk.jmh.Main ExitEventsBenchmark
 * # a recording running: every action and the exit are events
 * java -cp exitguard-bench/target/exitguard-bench.jar org.openjdk.jmh.Main ExitEventsBenchmark \
 *     -jvmArgsAppend -XX:StartFlightRecording
 * }</pre>
 *
 * The difference between the first two is what JFR costs when no recording runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExitEventsBenchmark {

    /** Kept so that the level sticks: the report table is built, not written out. */
    private static final Logger EXITGUARD_LOG = Logger.getLogger("dev.exitguard");

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);
    private static final ProcessTerminator STAYS = new ProcessTerminator() {
        @Override
        public void exit(int status) {
        }

        @Override
        public void halt(int status) {
        }
    };

    @Param("100")
    public int actions;

    private ExitGuard guard;

    @Setup(Level.Trial)
    public void quiet() {
        EXITGUARD_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** A fresh guard per exit: a guard runs its actions once. Not timed. */
    @Setup(Level.Invocation)
    public void build() {
        ExitGuard.Builder builder = ExitGuard.builder().discoverActions(false).discoverTriggers(false).terminator(STAYS);
        for (int i = 0; i < actions; i++) {
            builder.action(ExitActions.named("no-op-" + i).run(context -> { }));
        }
        guard = builder.build();
    }

    @Benchmark
    public ExitReport exit() {
        return guard.runActions(TERM);
    }
}
