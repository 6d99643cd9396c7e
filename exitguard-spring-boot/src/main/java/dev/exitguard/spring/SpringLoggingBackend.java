package dev.exitguard.spring;

import dev.exitguard.core.LoggingBackend;
import dev.exitguard.core.LoggingBackends;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.log.LogAccessor;

/**
 * Spring Boot's logging system as one of exitguard's logging backends: what Spring Boot would run
 * from its own JVM shutdown hook to stop logging ({@code LoggingSystem.getShutdownHandler()}:
 * Logback's or Log4j's {@code LoggerContext} stopped, {@code java.util.logging} reset) is run by
 * exitguard instead, once, after every exit action and after the exit report. Handed over by
 * {@link LoggingHandover}, which keeps Spring Boot from registering that handler itself.
 *
 * <p>When exitguard's own adapter for the same library is handed over too ({@code exitguard-logback}
 * for Logback, {@code exitguard-log4j2} for Log4j 2, {@code ExitLogManager} for
 * {@code java.util.logging}), that adapter stops the library and carries exitguard's messages into
 * it, and this backend does nothing at all: the library is stopped once, and the report logged once.
 *
 * <p>Otherwise this backend also carries exitguard's messages, the exit report among them, into the
 * application's logging (through Spring's commons-logging) whenever {@code System.Logger} does not
 * reach it: Spring Boot routes {@code java.util.logging} into Logback or Log4j with a bridge handler,
 * and removes that bridge when the context closes, before the report is logged.
 *
 * <p>Thread-safe. Equal to any other for the same logging system: Spring Boot stops logging once
 * per JVM, whatever the number of applications.
 */
final class SpringLoggingBackend implements LoggingBackend {

    /** Spring Boot's logging systems, each with the backend of exitguard's own adapter for the same library. */
    private static final Map<String, String> ADAPTERS = Map.of(
            "org.springframework.boot.logging.logback.LogbackLoggingSystem", "dev.exitguard.logback.LogbackBackend",
            "org.springframework.boot.logging.log4j2.Log4J2LoggingSystem", "dev.exitguard.log4j2.Log4jBackend",
            "org.springframework.boot.logging.java.JavaLoggingSystem", "dev.exitguard.core.ExitLogManager$Backend");

    private static final String JAVA_LOGGING_SYSTEM = "org.springframework.boot.logging.java.JavaLoggingSystem";

    /**
     * What carries {@code System.Logger} into SLF4J or Log4j: the finders of
     * {@code slf4j-jdk-platform-logging} and {@code log4j-jpl}, and the bridges from
     * {@code java.util.logging} that Spring Boot installs ({@code jul-to-slf4j}, {@code log4j-jul}).
     */
    private static final Set<String> SYSTEM_LOGGER_ROUTES = Set.of(
            "org.slf4j.jdk.platform.logging.SLF4JSystemLoggerFinder",
            "org.slf4j.bridge.SLF4JBridgeHandler",
            "org.apache.logging.log4j.jpl.Log4jSystemLoggerFinder",
            "org.apache.logging.log4j.jul.LogManager",
            "org.apache.logging.log4j.jul.Log4jBridgeHandler");

    private final String system;
    private final String adapter;
    private final Runnable shutdownHandler;
    private final LogAccessor log = new LogAccessor("dev.exitguard");
    /** Set once an adapter for the same library is seen: adapters, once handed over, stay. */
    private volatile boolean covered;

    /**
     * @param system the class of Spring Boot's logging system
     * @param shutdownHandler what Spring Boot would run from its own shutdown hook to stop it
     */
    SpringLoggingBackend(Class<?> system, Runnable shutdownHandler) {
        this.system = system.getName();
        this.adapter = adapterFor(system);
        this.shutdownHandler = shutdownHandler;
    }

    /** The backend class of exitguard's adapter for {@code system}'s library, or null if there is none. */
    private static String adapterFor(Class<?> system) {
        for (Class<?> type = system; type != null; type = type.getSuperclass()) {
            String adapter = ADAPTERS.get(type.getName());
            if (adapter != null) {
                return adapter;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "Spring Boot logging system " + system.substring(system.lastIndexOf('.') + 1);
    }

    /**
     * Whether exitguard's own adapter for this library is handed over, which then stops it and
     * carries exitguard's messages instead of this backend.
     */
    boolean coveredByAdapter() {
        if (covered || adapter == null) {
            return covered;
        }
        List<LoggingBackend> registered = LoggingBackends.registered();
        for (LoggingBackend other : registered) {
            if (other != this && other.getClass().getName().equals(adapter)) {
                covered = true;
                return true;
            }
        }
        return false;
    }

    /**
     * True where the adapter for this library carries exitguard's messages, where the logging system
     * is {@code java.util.logging} itself, or where a finder or bridge carries {@code System.Logger}
     * into SLF4J or Log4j; false once Spring Boot removed its bridge (when the context closed).
     */
    @Override
    public boolean reachedBySystemLogger() {
        return coveredByAdapter() || system.equals(JAVA_LOGGING_SYSTEM)
                || LoggingBackends.systemLoggerReaches(SYSTEM_LOGGER_ROUTES);
    }

    /** Logs to logger {@code dev.exitguard} through commons-logging, which Spring routes into its logging system. */
    @Override
    public void log(System.Logger.Level level, String message) {
        switch (level) {
            case ALL, TRACE -> log.trace(message);
            case DEBUG -> log.debug(message);
            case INFO -> log.info(message);
            case WARNING -> log.warn(message);
            case ERROR -> log.error(message);
            default -> {
            }
        }
    }

    /** Runs Spring Boot's shutdown handler of the logging system, unless exitguard's adapter for it stops it. */
    @Override
    public void stop(Duration timeout) {
        if (!coveredByAdapter()) {
            shutdownHandler.run();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpringLoggingBackend backend && backend.system.equals(system);
    }

    @Override
    public int hashCode() {
        return system.hashCode();
    }

    @Override
    public String toString() {
        return "SpringLoggingBackend[" + system + (coveredByAdapter() ? ", stopped by " + adapter : "") + "]";
    }
}
