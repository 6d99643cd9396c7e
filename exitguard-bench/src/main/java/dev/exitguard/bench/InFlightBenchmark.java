package dev.exitguard.bench;

import dev.exitguard.core.InFlight;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What counting a unit of work in flight costs on a request's hot path: one enter and one leave,
 * with an empty unit between them, under {@link InFlight} and the ways people write it by hand.
 * All threads share one counter, as all the requests of a server do.
 *
 * <ul>
 *   <li>{@code inFlight}: {@code try (InFlight.Ticket t = inFlight.enter()) { }}
 *   <li>{@code atomicInteger}: {@code incrementAndGet}, {@code decrementAndGet}; counts, but cannot
 *       refuse new work atomically with a stop
 *   <li>{@code phaser}: {@code register}, {@code arriveAndDeregister} on a {@link Phaser} with one
 *       party of its own (the drain), the JDK's own tool for this
 *   <li>{@code synchronizedGate}: a flag and a count under one monitor, as the demo's gate was
 *       before it used {@code InFlight}
 * </ul>
 *
 * <pre>{@code
 * java -cp exitguard-bench/target/exitguard-bench.jar org.openjdk.jmh.Main InFlightBenchmark -t 1 -prof gc
 * java -cp exitguard-bench/target/exitguard-bench.jar org.openjdk.jmh.Main InFlightBenchmark -t 2 -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InFlightBenchmark {

    private final InFlight inFlight = InFlight.named("bench");
    private final AtomicInteger counter = new AtomicInteger();
    private final Phaser phaser = new Phaser(1);
    private final SynchronizedGate gate = new SynchronizedGate();

    @Benchmark
    public void inFlight() {
        try (InFlight.Ticket ticket = inFlight.enter()) {
            // the unit of work
        }
    }

    @Benchmark
    public void atomicInteger() {
        counter.incrementAndGet();
        counter.decrementAndGet();
    }

    @Benchmark
    public void phaser() {
        phaser.register();
        phaser.arriveAndDeregister();
    }

    @Benchmark
    public void synchronizedGate() {
        if (gate.tryEnter()) {
            gate.leave();
        }
    }

    /** A flag and a count under one monitor. */
    static final class SynchronizedGate {
        private boolean closed;
        private int inside;

        synchronized boolean tryEnter() {
            if (closed) {
                return false;
            }
            inside++;
            return true;
        }

        synchronized void leave() {
            if (--inside == 0) {
                notifyAll();
            }
        }
    }
}
