package dev.exitguard.log4j2;

import dev.exitguard.core.LoggingBackend;
import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.util.Cancellable;

/**
 * The shutdown callbacks Log4j handed to {@link ExitGuardShutdownCallbackRegistry}: one per
 * {@code LoggerContext}, each stopping its context (flushing its appenders, draining its
 * asynchronous loggers and appenders) within the context's {@code shutdownTimeout}.
 *
 * <p>One set per JVM, as Log4j's own registry keeps one JVM hook: whichever registry instance Log4j
 * created, its callbacks run here, each at most once, in the order they were added. Held through
 * soft references, as Log4j's own registry holds them, so that a context that is gone does not stay.
 * Thread-safe.
 */
final class Log4jCallbacks {

    private static final Collection<Reference<Callback>> CALLBACKS = new CopyOnWriteArrayList<>();

    private Log4jCallbacks() {
    }

    /** Keeps {@code callback} until {@link #runAll()}, or until the receipt is cancelled. */
    static Cancellable add(Runnable callback) {
        Callback receipt = new Callback(callback);
        CALLBACKS.add(new SoftReference<>(receipt));
        return receipt;
    }

    /** How many callbacks wait to run. */
    static int pending() {
        int count = 0;
        for (Reference<Callback> reference : CALLBACKS) {
            Callback callback = reference.get();
            if (callback != null && callback.pending()) {
                count++;
            }
        }
        return count;
    }

    /**
     * Runs every callback not yet run or cancelled, in the order they were added; one that throws
     * does not keep the next from running.
     *
     * @throws IllegalStateException if a callback threw, with every failure attached
     */
    static void runAll() {
        IllegalStateException failed = null;
        for (Reference<Callback> reference : CALLBACKS) {
            Callback callback = reference.get();
            if (callback == null) {
                continue;
            }
            try {
                callback.run();
            } catch (RuntimeException | LinkageError e) {
                if (failed == null) {
                    failed = new IllegalStateException("a Log4j shutdown callback failed: " + callback);
                }
                failed.addSuppressed(e);
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * The callbacks as exitguard stops them, handed over by the registry when Log4j starts it. It
     * takes nothing over (the registry already has) and logs nothing ({@link Log4jBackend} does):
     * it only makes sure the callbacks run, last.
     */
    static final class Backend implements LoggingBackend {
        static final Backend INSTANCE = new Backend();

        private Backend() {
        }

        @Override
        public String name() {
            return "Log4j 2 shutdown callbacks";
        }

        @Override
        public void stop(Duration timeout) {
            runAll();
        }
    }

    /** A callback, run at most once; cancelling it (a context stopped by hand) drops it. */
    private static final class Callback implements Cancellable {
        private Runnable callback;

        Callback(Runnable callback) {
            this.callback = callback;
        }

        synchronized boolean pending() {
            return callback != null;
        }

        @Override
        public void cancel() {
            Runnable removed;
            synchronized (this) {
                removed = callback;
                callback = null;
            }
            if (removed != null) {
                CALLBACKS.removeIf(reference -> {
                    Callback value = reference.get();
                    return value == null || value == this;
                });
            }
        }

        @Override
        public void run() {
            Runnable toRun;
            synchronized (this) {
                toRun = callback;
                callback = null;
            }
            if (toRun != null) {
                toRun.run();
            }
        }

        @Override
        public String toString() {
            return String.valueOf(callback);
        }
    }
}
