package dev.exitguard.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import ch.qos.logback.core.status.InfoStatus;
import dev.exitguard.core.LoggingBackend;
import dev.exitguard.core.LoggingBackends;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logback as exitguard's {@link LoggingBackend}, found by {@link java.util.ServiceLoader} when a
 * guard is installed: exitguard stops Logback's {@link LoggerContext} (flushing every appender and
 * draining the queues of its {@code AsyncAppender}s, each within its {@code maxFlushTime}) once,
 * after every exit action and after the exit report has been logged.
 *
 * <p>A {@code <shutdownHook/>} in the configuration would stop the context from a JVM shutdown hook
 * of Logback's own, beside exitguard's, while exit actions still log: it is removed when the
 * backend is taken over, and again whenever a configuration (a rescan included) adds it back.
 * Without a guard installed nothing changes, {@code <shutdownHook/>} included.
 *
 * <p>The exit report reaches Logback through {@code System.Logger} when
 * {@code slf4j-jdk-platform-logging} carries {@code System.Logger} to SLF4J (or
 * {@code jul-to-slf4j}'s bridge handler sits on {@code java.util.logging}'s root logger); otherwise
 * this backend logs exitguard's messages to Logback's logger {@code dev.exitguard} itself.
 *
 * <p>SLF4J bound to another backend leaves no Logback context to stop: the backend then does
 * nothing. All instances are equal. Thread-safe.
 *
 * @since 0.1
 */
public final class LogbackBackend implements LoggingBackend {

    /** What carries {@code System.Logger} into SLF4J: its platform-logging finder, or the JUL bridge. */
    private static final Set<String> SYSTEM_LOGGER_ROUTES = Set.of(
            "org.slf4j.jdk.platform.logging.SLF4JSystemLoggerFinder",
            "org.slf4j.bridge.SLF4JBridgeHandler");

    private static final String LOGGER = "dev.exitguard";

    /** Set by {@link #takeOver()} when SLF4J's backend is Logback. */
    private volatile LoggerContext context;

    /** Created by {@link java.util.ServiceLoader}. */
    public LogbackBackend() {
    }

    @Override
    public String name() {
        return "Logback";
    }

    /**
     * Starts SLF4J and Logback (if the application has not yet) and removes Logback's own shutdown
     * hook, now and after every later configuration.
     *
     * @return nothing: Logback's shutdown always comes to exitguard
     */
    @Override
    public List<String> takeOver() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return List.of();
        }
        LoggerContext logback = (LoggerContext) factory;
        logback.addConfigurationEventListener(new HookRemover(logback));
        removeShutdownHook(logback);
        context = logback;
        return List.of();
    }

    /** True where {@code slf4j-jdk-platform-logging} (or {@code jul-to-slf4j}) carries {@code System.Logger} into SLF4J. */
    @Override
    public boolean reachedBySystemLogger() {
        return context == null || LoggingBackends.systemLoggerReaches(SYSTEM_LOGGER_ROUTES);
    }

    /** Logs to Logback's logger {@code dev.exitguard}. */
    @Override
    public void log(System.Logger.Level level, String message) {
        LoggerContext logback = context;
        if (logback == null) {
            return;
        }
        Logger logger = logback.getLogger(LOGGER);
        switch (level) {
            case ALL:
            case TRACE:
                logger.trace(message);
                break;
            case DEBUG:
                logger.debug(message);
                break;
            case INFO:
                logger.info(message);
                break;
            case WARNING:
                logger.warn(message);
                break;
            case ERROR:
                logger.error(message);
                break;
            default:
                break;
        }
    }

    /** Stops Logback's context: every appender flushed and closed, every async queue drained. */
    @Override
    public void stop(Duration timeout) {
        LoggerContext logback = context;
        if (logback != null) {
            logback.stop();
        }
    }

    /** Removes the hook {@code <shutdownHook/>} added, if any; Logback keeps it in the context. */
    static void removeShutdownHook(LoggerContext logback) {
        Object hook = logback.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD);
        if (!(hook instanceof Thread)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook((Thread) hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook runs anyway; nothing can be changed now.
            return;
        }
        logback.removeObject(CoreConstants.SHUTDOWN_HOOK_THREAD);
        logback.getStatusManager().add(new InfoStatus("exitguard removed Logback's shutdown hook [" + ((Thread) hook).getName()
                + "]: exitguard stops this context itself, after every exit action and the exit report", logback));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogbackBackend;
    }

    @Override
    public int hashCode() {
        return LogbackBackend.class.hashCode();
    }

    @Override
    public String toString() {
        return "LogbackBackend[" + context + "]";
    }

    /** Removes a shutdown hook that a configuration added back. */
    private static final class HookRemover implements ConfigurationEventListener {
        private final LoggerContext logback;

        HookRemover(LoggerContext logback) {
            this.logback = logback;
        }

        /** On every event: a removal is cheap, and the events' names differ between Logback versions. */
        @Override
        public void listen(ConfigurationEvent event) {
            removeShutdownHook(logback);
        }
    }
}
