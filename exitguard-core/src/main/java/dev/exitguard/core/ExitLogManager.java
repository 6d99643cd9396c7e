package dev.exitguard.core;

import java.time.Duration;
import java.util.logging.LogManager;

/**
 * A {@code java.util.logging} {@link LogManager} whose handlers stay open until exitguard has
 * logged the exit report: select it with
 * {@code -Djava.util.logging.manager=dev.exitguard.core.ExitLogManager}.
 *
 * <p>The JDK's {@code LogManager} closes every handler from a JVM shutdown hook of its own, which
 * runs beside exitguard's: on the paths where exit actions run from exitguard's hook
 * ({@code System.exit}, {@code main} returning, an uncaught exception ending {@code main}), what
 * they log after that is lost, and the exit report goes to standard error instead of the
 * handlers. This manager hands {@code java.util.logging} to exitguard as a
 * {@link LoggingBackend}: the JDK's hook leaves the handlers open, and exitguard closes them once,
 * last, after every action and after the report (see {@link LoggingBackend} for when). Everything
 * else is the JDK's {@code LogManager}: configuration ({@code java.util.logging.config.file}),
 * {@link #readConfiguration()}, and {@link #reset()} called by the application, which resets at once.
 *
 * <p>Without it, the signal paths and {@code ExitGuard.exit} lose nothing (the actions and the
 * report run before the JVM's shutdown begins); the paths above may lose what is logged after the
 * JDK's hook has run, a few milliseconds into the exit.
 *
 * <p>The JVM creates it once, when {@code java.util.logging} starts; it is thread-safe as
 * {@code LogManager} is.
 *
 * @since 0.1
 */
public final class ExitLogManager extends LogManager {

    /** The class of the JDK's shutdown hook that resets every {@code LogManager}. */
    private static final String JDK_CLEANER = LogManager.class.getName() + "$Cleaner";

    private final boolean handedOver;

    /** Called by the JVM, which names this class in {@code java.util.logging.manager}. */
    public ExitLogManager() {
        handedOver = LoggingBackends.register(new Backend(this));
    }

    /**
     * Closes every handler and forgets the configuration, as {@link LogManager#reset()} does;
     * except when the JDK's own shutdown hook asks, since exitguard then closes them itself, last.
     */
    @Override
    public void reset() {
        if (handedOver && Thread.currentThread().getClass().getName().equals(JDK_CLEANER)) {
            return;
        }
        super.reset();
    }

    private void resetNow() {
        super.reset();
    }

    /** {@code java.util.logging} as exitguard stops it: the manager's reset, last. */
    private static final class Backend implements LoggingBackend {
        private final ExitLogManager manager;

        Backend(ExitLogManager manager) {
            this.manager = manager;
        }

        @Override
        public String name() {
            return "java.util.logging";
        }

        @Override
        public void stop(Duration timeout) {
            manager.resetNow();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Backend && ((Backend) other).manager == manager;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(manager);
        }
    }
}
