package dev.exitguard.core;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The logging backends handed to exitguard, and the one place that stops them: what
 * {@link LoggingBackends} does, with what it touches of the JVM passed in, so that a test can run
 * it without ending the process.
 *
 * <p>Thread-safe. Routing ({@link #route}) takes no lock: it runs whenever exitguard logs, also
 * while a backend is being handed over or stopped.
 */
final class BackendRegistry {

    private static final int ACTIVE = 0;
    private static final int STOPPING = 1;

    private final Consumer<Thread> addShutdownHook;
    private final BooleanSupplier guardInstalled;
    private final Consumer<String> warnings;
    private final PrintStream err;
    private final Duration unguardedBudget;

    private final Object lock = new Object();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    /** Under {@link #lock}. */
    private boolean hookArmed;

    /**
     * @param addShutdownHook adds the hook that stops the backends when no guard is installed
     *     ({@code Runtime::addShutdownHook}); may throw {@link IllegalStateException} once the JVM
     *     is shutting down
     * @param guardInstalled whether a guard is installed, whose own hook then stops the backends
     * @param warnings where a backend's warnings go (exitguard's log)
     * @param err where what happens while the backends stop goes: they can no longer log it
     * @param unguardedBudget the time the backends get to stop when no guard is installed
     */
    BackendRegistry(Consumer<Thread> addShutdownHook, BooleanSupplier guardInstalled, Consumer<String> warnings,
            PrintStream err, Duration unguardedBudget) {
        this.addShutdownHook = addShutdownHook;
        this.guardInstalled = guardInstalled;
        this.warnings = warnings;
        this.err = err;
        this.unguardedBudget = unguardedBudget;
    }

    /** See {@link LoggingBackends#register(LoggingBackend)}. */
    boolean register(LoggingBackend backend) {
        Entry entry = new Entry(backend);
        synchronized (lock) {
            for (Entry other : entries) {
                if (other.backend.equals(backend)) {
                    return false;
                }
            }
            entries.add(entry);
            armUnguardedHook();
        }
        // Outside the lock: taking a backend over may start it, and a backend that starts may hand
        // something else over (Log4j creates its shutdown callback registry as it starts).
        List<String> limits;
        try {
            limits = List.copyOf(backend.takeOver());
        } catch (Exception | LinkageError e) {
            entries.remove(entry);
            warnings.accept("logging backend [" + nameOf(backend) + "] could not be taken over, so exitguard"
                    + " neither logs to it nor stops it, and it stops as it would without exitguard: " + e);
            return true;
        }
        for (String limit : limits) {
            warnings.accept("logging backend [" + nameOf(backend) + "]: " + limit);
        }
        return true;
    }

    /** The backends handed over and not refused, in order. */
    List<LoggingBackend> backends() {
        List<LoggingBackend> out = new ArrayList<>();
        for (Entry entry : entries) {
            out.add(entry.backend);
        }
        return List.copyOf(out);
    }

    /** Whether a backend that is not stopping takes exitguard's messages, as {@link #route} would hand them. */
    boolean routes() {
        for (Entry entry : entries) {
            try {
                if (entry.state.get() == ACTIVE && !entry.backend.reachedBySystemLogger()) {
                    return true;
                }
            } catch (RuntimeException | LinkageError e) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands {@code level message} to every backend that is not stopping and that
     * {@code System.Logger} does not reach.
     *
     * @return whether one took it; if none did, the caller logs through {@code System.Logger}
     */
    boolean route(System.Logger.Level level, String message) {
        boolean taken = false;
        for (Entry entry : entries) {
            if (entry.state.get() != ACTIVE) {
                continue;
            }
            LoggingBackend backend = entry.backend;
            try {
                if (!backend.reachedBySystemLogger()) {
                    backend.log(level, message);
                    taken = true;
                }
            } catch (RuntimeException | LinkageError e) {
                err.println("exitguard: logging backend [" + nameOf(backend) + "] failed to log (" + e + "): "
                        + message);
                err.flush();
                taken = true;
            }
        }
        return taken;
    }

    /**
     * Stops every backend not yet stopped, one after the other in the order they were handed over,
     * each at most once, all within {@code budget}. A backend that overruns is left behind on its
     * daemon thread; the next one still gets what time is left.
     */
    void stopAll(Duration budget) {
        long end = System.nanoTime() + Math.max(budget.toNanos(), 0);
        for (Entry entry : entries) {
            if (!entry.state.compareAndSet(ACTIVE, STOPPING)) {
                continue;
            }
            Duration given = Duration.ofNanos(Math.max(end - System.nanoTime(), 0));
            Stopper stopper = new Stopper(entry.backend, given);
            Thread thread = new Thread(stopper, "exitguard-stop-" + nameOf(entry.backend));
            thread.setDaemon(true);
            thread.start();
            if (!join(thread, given.toNanos())) {
                err.println("exitguard: logging backend [" + nameOf(entry.backend) + "] did not stop within the "
                        + Durations.format(given) + " it had left; the process ends without waiting for it");
                err.flush();
            } else if (stopper.failure != null) {
                StringWriter trace = new StringWriter();
                stopper.failure.printStackTrace(new PrintWriter(trace));
                err.println("exitguard: logging backend [" + nameOf(entry.backend) + "] failed to stop: " + trace);
                err.flush();
            }
        }
    }

    /** What the hook that runs when no guard is installed does. */
    void stopIfUnguarded() {
        // An installed guard's own hook stops the backends, after its exit's report.
        if (!guardInstalled.getAsBoolean()) {
            stopAll(unguardedBudget);
        }
    }

    /** Under {@link #lock}. */
    private void armUnguardedHook() {
        if (hookArmed) {
            return;
        }
        hookArmed = true;
        Thread hook = new Thread(new Runnable() {
            @Override
            public void run() {
                stopIfUnguarded();
            }
        }, "exitguard-logging");
        try {
            addShutdownHook.accept(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: an exit running now stops what is handed over before
            // its end, and with no exit running the backend's own hook could not be added either.
        }
    }

    /** Whether {@code thread} ended within {@code nanos}. */
    private static boolean join(Thread thread, long nanos) {
        boolean interrupted = false;
        long end = System.nanoTime() + nanos;
        try {
            while (thread.isAlive()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String nameOf(LoggingBackend backend) {
        try {
            return backend.name();
        } catch (RuntimeException | LinkageError e) {
            return backend.getClass().getName();
        }
    }

    private static final class Entry {
        final LoggingBackend backend;
        final AtomicInteger state = new AtomicInteger(ACTIVE);

        Entry(LoggingBackend backend) {
            this.backend = backend;
        }
    }

    private static final class Stopper implements Runnable {
        private final LoggingBackend backend;
        private final Duration timeout;
        /** Read after the thread is joined, which orders it. */
        Throwable failure;

        Stopper(LoggingBackend backend, Duration timeout) {
            this.backend = backend;
            this.timeout = timeout;
        }

        @Override
        public void run() {
            try {
                backend.stop(timeout);
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
