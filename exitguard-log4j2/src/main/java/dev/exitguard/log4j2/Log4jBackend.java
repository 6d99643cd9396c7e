package dev.exitguard.log4j2;

import dev.exitguard.core.LoggingBackend;
import dev.exitguard.core.LoggingBackends;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.core.util.ShutdownCallbackRegistry;
import org.apache.logging.log4j.spi.LoggerContextFactory;
import org.apache.logging.log4j.util.LoaderUtil;

/**
 * Log4j 2 as exitguard's {@link LoggingBackend}, found by {@link java.util.ServiceLoader} when a
 * guard is installed: it checks that Log4j's shutdown callbacks come to exitguard (and says once,
 * as a warning, what exitguard cannot promise when the application turned Log4j's shutdown hook off
 * or named a registry of its own), carries exitguard's messages, the exit report among them, into
 * Log4j when {@code System.Logger} does not reach it ({@code log4j-jpl} absent), and runs the
 * callbacks last.
 *
 * <p>In a Spring Boot application Log4j's own shutdown hook is always off: Spring Boot's
 * {@code SpringBootPropertySource} turns it off (outranking even system properties), because Spring
 * Boot stops Log4j itself, from its own JVM shutdown hook. There this backend stops Log4j's contexts
 * itself, in Spring Boot's place, after the exit report; {@code exitguard-spring-boot} keeps Spring
 * Boot's own hook from stopping Log4j earlier.
 *
 * <p>Log4j API routed to another backend ({@code log4j-to-slf4j}) leaves nothing of Log4j Core to
 * stop: the backend then does nothing. All instances are equal: Log4j is one per JVM here.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class Log4jBackend implements LoggingBackend {

    /** What carries {@code System.Logger} into Log4j: {@code log4j-jpl}, or {@code log4j-jul}'s manager or bridge. */
    private static final Set<String> SYSTEM_LOGGER_ROUTES = Set.of(
            "org.apache.logging.log4j.jpl.Log4jSystemLoggerFinder",
            "org.apache.logging.log4j.jul.LogManager",
            "org.apache.logging.log4j.jul.Log4jBridgeHandler");

    private static final String LOGGER = "dev.exitguard";

    /**
     * The class of the Log4j property source by which Spring Boot turns Log4j's shutdown hook off, as
     * it stops Log4j itself.
     */
    static final String SPRING_BOOT_PROPERTY_SOURCE = "org.springframework.boot.logging.log4j2.SpringBootPropertySource";

    /** Whether Log4j Core backs Log4j API here; set by {@link #takeOver()}. */
    private volatile boolean core;
    /** Whether Spring Boot turned Log4j's hook off, so that this backend stops Log4j in its place; set by {@link #takeOver()}. */
    private volatile boolean inSpringBootsPlace;

    /** Created by {@link java.util.ServiceLoader}. */
    public Log4jBackend() {
    }

    @Override
    public String name() {
        return "Log4j 2";
    }

    /**
     * Starts Log4j (if the application has not yet) and checks that its shutdown comes to exitguard.
     *
     * @return one sentence if the application turned Log4j's shutdown hook off or named a registry
     *     of its own, saying what exitguard then cannot promise; else nothing (Spring Boot's turning
     *     the hook off included: this backend then stops Log4j in Spring Boot's place)
     */
    @Override
    public List<String> takeOver() {
        LoggerContextFactory factory = LogManager.getFactory();
        if (!(factory instanceof Log4jContextFactory)) {
            return List.of();
        }
        core = true;
        Log4jContextFactory log4j = (Log4jContextFactory) factory;
        if (!log4j.isShutdownHookEnabled() && LoaderUtil.isClassAvailable(SPRING_BOOT_PROPERTY_SOURCE)) {
            inSpringBootsPlace = true;
            return List.of();
        }
        if (!log4j.isShutdownHookEnabled()) {
            return List.of("Log4j's shutdown hook is turned off (log4j2.shutdownHookEnabled=false, which is also Log4j's"
                    + " default where the Servlet API is present), so exitguard leaves"
                    + " stopping Log4j to the application: what exit actions log still reaches Log4j, but what its"
                    + " asynchronous loggers and appenders hold when the process ends is lost unless the application"
                    + " stops Log4j itself (LogManager.shutdown()) once the exit is over");
        }
        ShutdownCallbackRegistry registry = log4j.getShutdownCallbackRegistry();
        ShutdownCallbackRegistry applications = registry instanceof ExitGuardShutdownCallbackRegistry
                ? ((ExitGuardShutdownCallbackRegistry) registry).applicationsRegistryOrNull() : registry;
        if (applications != null) {
            return List.of("Log4j's shutdown callbacks go to the application's registry " + applications.getClass().getName()
                    + " (log4j2.shutdownCallbackRegistry), so Log4j stops when that registry says, possibly while exit"
                    + " actions still log, and what they log after it is lost; leave the property unset to let exitguard"
                    + " stop Log4j after the exit report");
        }
        if (LogManager.getContext(false) instanceof LoggerContext) {
            Configuration configuration = ((LoggerContext) LogManager.getContext(false)).getConfiguration();
            if (!configuration.isShutdownHookEnabled()) {
                return List.of("the Log4j configuration " + configuration.getName() + " turns Log4j's shutdown hook off"
                        + " (shutdownHook=\"disable\"), so exitguard leaves stopping Log4j to the application: what exit"
                        + " actions log still reaches Log4j, but what its asynchronous loggers and appenders hold when the"
                        + " process ends is lost unless the application stops Log4j itself (LogManager.shutdown()) once"
                        + " the exit is over; remove the attribute to let exitguard stop Log4j after the exit report");
            }
        }
        return List.of();
    }

    /** True where {@code log4j-jpl} (or {@code log4j-jul}) carries {@code System.Logger} into Log4j. */
    @Override
    public boolean reachedBySystemLogger() {
        return !core || LoggingBackends.systemLoggerReaches(SYSTEM_LOGGER_ROUTES);
    }

    /** Logs to Log4j's logger {@code dev.exitguard}. */
    @Override
    public void log(System.Logger.Level level, String message) {
        LogManager.getLogger(LOGGER).log(toLog4j(level), message);
    }

    /**
     * Runs Log4j's shutdown callbacks, if they are not run yet; in a Spring Boot application, where
     * Log4j hands none over, stops every context of Log4j's, as Log4j's own callbacks would.
     */
    @Override
    public void stop(Duration timeout) {
        Log4jCallbacks.runAll();
        if (inSpringBootsPlace) {
            stopContexts();
        }
    }

    /** Each context within its configuration's {@code shutdownTimeout}; a stopped context is already gone from the list. */
    private static void stopContexts() {
        LoggerContextFactory factory = LogManager.getFactory();
        if (factory instanceof Log4jContextFactory) {
            for (LoggerContext context : ((Log4jContextFactory) factory).getSelector().getLoggerContexts()) {
                context.stop(context.getConfiguration().getShutdownTimeoutMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    static Level toLog4j(System.Logger.Level level) {
        switch (level) {
            case ALL:
                return Level.ALL;
            case TRACE:
                return Level.TRACE;
            case DEBUG:
                return Level.DEBUG;
            case INFO:
                return Level.INFO;
            case WARNING:
                return Level.WARN;
            case ERROR:
                return Level.ERROR;
            default:
                return Level.OFF;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Log4jBackend;
    }

    @Override
    public int hashCode() {
        return Log4jBackend.class.hashCode();
    }

    @Override
    public String toString() {
        return "Log4jBackend[" + Log4jCallbacks.pending() + " shutdown callbacks waiting]";
    }
}
