package dev.exitguard.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How long a test waits before it calls something hung, in one place for every module. The bounds
 * are generous on purpose: the build machine's two cores are shared by several builds and child
 * JVMs, which can stretch a 0.3 s JVM start-up or a millisecond hand-over many times over. A bound
 * is reached only when the behaviour under test is broken; how fast something was is the
 * benchmark's business, never a test's.
 *
 * @since 0.1
 */
public final class Bounds {

    /** A child JVM's start-up, up to the line that says it is ready: a Spring Boot app among them. */
    public static final Duration READY = Duration.ofSeconds(90);

    /** A child JVM's exit, from the moment the test asked for it (or started waiting for it). */
    public static final Duration EXIT = Duration.ofSeconds(60);

    /** Something in the test's own JVM that takes milliseconds: a hand-over between threads, a signal raised in-process. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Spinning this long first answers a hand-over of microseconds at once; parking after it spares the cores. */
    private static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Bounds() {
    }

    /** Waits for {@code latch}; throws {@link AssertionError} if it is not counted down within {@link #PATIENCE}. */
    public static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(PATIENCE.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("timed out waiting (" + PATIENCE.toSeconds() + " s) for " + latch);
        }
    }

    /** Waits until {@code condition} holds; throws {@link AssertionError} with {@code message} if it does not within {@link #PATIENCE}. */
    public static void awaitTrue(BooleanSupplier condition, String message) {
        Objects.requireNonNull(message, "message");
        awaitTrue(condition, () -> message);
    }

    /** Waits until {@code condition} holds; throws {@link AssertionError} with the message if it does not within {@link #PATIENCE}. */
    public static void awaitTrue(BooleanSupplier condition, Supplier<String> message) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(message, "message");
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            long waited = System.nanoTime() - start;
            if (waited > PATIENCE.toNanos()) {
                throw new AssertionError(message.get() + " (waited " + PATIENCE.toSeconds() + " s)");
            }
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
