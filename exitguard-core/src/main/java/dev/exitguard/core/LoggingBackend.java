package dev.exitguard.core;

import java.time.Duration;
import java.util.List;

/**
 * A logging backend that exitguard stops itself: once, last, after every exit action has settled
 * and after the exit report has been logged, so that no line logged during an exit is lost.
 *
 * <p>A logging library that stops from a JVM shutdown hook of its own (Log4j 2, Logback with
 * {@code <shutdownHook/>}, {@code java.util.logging}) stops beside exitguard's hook, while exit
 * actions still log: whatever they log after that is dropped without a word. An adapter hands the
 * backend to exitguard instead, and turns the backend's own hook off (see {@link #takeOver()}).
 * {@code exitguard-log4j2} and {@code exitguard-logback} are such adapters; adding another backend
 * is one class implementing this interface, listed in
 * {@code META-INF/services/dev.exitguard.core.LoggingBackend} (or {@code provides} in
 * {@code module-info}), or handed over with {@link LoggingBackends#register(LoggingBackend)}.
 *
 * <h2>When exitguard calls it</h2>
 * <ol>
 *   <li>{@link #takeOver()}, once, when the backend is handed over: at {@link ExitGuard#install()}
 *       for one found by {@link java.util.ServiceLoader}, at {@link LoggingBackends#register} for
 *       one handed over in code.
 *   <li>{@link #reachedBySystemLogger()} and {@link #log}, whenever exitguard logs (logger
 *       {@code dev.exitguard}), until the backend is stopped: a backend that {@code System.Logger}
 *       does not reach receives exitguard's messages, the exit report among them, itself.
 *   <li>{@link #stop(Duration)}, once, from exitguard's JVM shutdown hook, which runs on every path
 *       that ends the process through the JVM: a signal, {@code ExitGuard.exit}, {@code System.exit}
 *       from any thread, the last non-daemon thread ending, an uncaught exception ending
 *       {@code main}. It comes after every exit action has settled and after the report is logged,
 *       written to its file and handed to every {@code onReport} listener. Backends are stopped one
 *       after the other, in the order they were handed over. When no guard is installed at that
 *       moment (none ever was, or it was uninstalled) the backend is stopped as soon as the JVM's
 *       shutdown begins, as its own hook would have stopped it.
 * </ol>
 * The process ends only once {@code stop} has returned, or once its time is up: the exit's
 * deadline plus its halt grace (see {@code exitguard.haltGrace}), ten seconds when no guard is
 * installed. A {@code stop} that overruns is abandoned (its thread is a daemon) and named on
 * standard error. A watchdog halt (an exit that outlived its deadline and grace) stops nothing.
 *
 * <p>Implementations must be thread-safe: {@code log} may be called from any thread, also while
 * {@code stop} runs on another. Nothing is null. An exception thrown by {@code log} or {@code stop}
 * is printed on standard error and costs nothing else.
 *
 * @since 0.1
 */
public interface LoggingBackend {

    /**
     * A short name for messages, such as {@code "Log4j 2"}.
     *
     * @return the name, never null
     */
    String name();

    /**
     * Takes the backend's shutdown over from the backend itself, so that it no longer stops while
     * exit actions still log: removes its own shutdown hook, for instance. Called once, when the
     * backend is handed to exitguard; it may call into the backend (and so start it).
     *
     * @return what exitguard then still cannot promise for this backend, one sentence each, each
     *     logged once as a warning (say why, and how to fix it); empty if nothing
     * @throws Exception if the backend cannot be taken over: exitguard logs a warning naming it,
     *     and neither logs to it nor stops it
     */
    default List<String> takeOver() throws Exception {
        return List.of();
    }

    /**
     * Whether what exitguard logs through {@link System.Logger} reaches this backend (through a
     * {@link System.LoggerFinder} of the backend's, or a bridge from {@code java.util.logging}).
     * When it does not, exitguard hands its messages to {@link #log} instead. Asked each time
     * exitguard logs: keep it cheap.
     *
     * @return true (the default) if {@code System.Logger} reaches the backend
     */
    default boolean reachedBySystemLogger() {
        return true;
    }

    /**
     * Logs one of exitguard's messages to logger {@code dev.exitguard} of this backend, at the
     * backend's level closest to {@code level}. Called only while {@link #reachedBySystemLogger()}
     * is false, and never once {@link #stop} has begun.
     *
     * @param level how severe the message is
     * @param message the message, possibly several lines (the exit report is a table)
     */
    default void log(System.Logger.Level level, String message) {
    }

    /**
     * Writes out everything the backend was given, asynchronous queues included, and stops it.
     * Called once, last (see the class comment); nothing exitguard does is logged after it.
     *
     * @param timeout the time left for it; the process ends once it is up, whether or not this
     *     returned
     * @throws Exception if stopping failed; printed on standard error
     */
    void stop(Duration timeout) throws Exception;
}
