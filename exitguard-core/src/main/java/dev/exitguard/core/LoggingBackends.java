package dev.exitguard.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The logging backends exitguard stops last: those {@link java.util.ServiceLoader} finds at
 * {@link ExitGuard#install()}, and those handed over with {@link #register(LoggingBackend)}.
 *
 * <p>What exitguard promises for them is on {@link LoggingBackend}: each is stopped once, after
 * every exit action and after the exit report has been logged, from exitguard's JVM shutdown hook.
 * The set is one per JVM, as the JVM's shutdown is: a backend handed over stays until the process
 * ends, whichever guard is installed or uninstalled meanwhile.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class LoggingBackends {

    /**
     * The time backends get to stop when no guard is installed, so no deadline and halt grace
     * bound the exit: as long as a backend's own hook would take, within reason.
     */
    static final Duration UNGUARDED_BUDGET = Duration.ofSeconds(10);

    private static final BackendRegistry REGISTRY = new BackendRegistry(new AddShutdownHook(), new GuardInstalled(),
            new Warn(), System.err, UNGUARDED_BUDGET);

    private LoggingBackends() {
    }

    /**
     * Hands {@code backend} to exitguard, which calls its {@link LoggingBackend#takeOver()} now and
     * stops it once, last, when the process ends (see {@link LoggingBackend}). For a backend that a
     * logging library creates itself, such as Log4j's shutdown callback registry; one found by
     * {@link java.util.ServiceLoader} need not be registered. A backend handed over once the
     * backends are being stopped is not stopped by exitguard.
     *
     * @param backend the backend
     * @return true if it was handed over now, false if one {@linkplain Object#equals equal} to it
     *     was already (that one is kept, and this one ignored)
     * @throws NullPointerException if {@code backend} is null
     */
    public static boolean register(LoggingBackend backend) {
        if (backend == null) {
            throw new NullPointerException("backend");
        }
        return REGISTRY.register(backend);
    }

    /**
     * The backends handed over, in the order they are stopped.
     *
     * @return an unmodifiable list, empty if there is none
     */
    public static List<LoggingBackend> registered() {
        return REGISTRY.backends();
    }

    /**
     * Whether {@link System.Logger} reaches a logging backend through one of {@code classNames}:
     * the {@link System.LoggerFinder} in use (such as Log4j's {@code log4j-jpl} or SLF4J's
     * {@code slf4j-jdk-platform-logging}), or, where {@code java.util.logging} backs
     * {@code System.Logger}, its {@code LogManager} or a handler of its root logger (a bridge such
     * as {@code SLF4JBridgeHandler}). For {@link LoggingBackend#reachedBySystemLogger()}.
     *
     * @param classNames the fully qualified names of the backend's finder, manager and bridge handler
     * @return whether one of them carries {@code System.Logger}'s messages now
     */
    public static boolean systemLoggerReaches(Set<String> classNames) {
        String finder = System.LoggerFinder.getLoggerFinder().getClass().getName();
        if (classNames.contains(finder)) {
            return true;
        }
        return finder.equals(Log.JUL_FINDER) && JulBridge.reaches(classNames);
    }

    /** At install: hands over every backend {@link java.util.ServiceLoader} finds through {@code loader}. */
    static void discover(ClassLoader loader) {
        List<String> warnings = new ArrayList<>();
        for (Discovery.Found<LoggingBackend> found : Discovery.load(LoggingBackend.class, loader, warnings)) {
            REGISTRY.register(found.provider());
        }
        for (String warning : warnings) {
            Log.warning(warning);
        }
    }

    /**
     * Last in an installed guard's JVM shutdown hook, once its exit is over and reported: stops every
     * backend in the time left before the watchdog halts (the deadline plus the halt grace, from the
     * exit's start).
     */
    static void stopAfter(ExitRun run, GuardSettings settings, Ticker ticker) {
        if (run == null) {
            REGISTRY.stopAll(settings.haltGrace());
            return;
        }
        long end = run.startNanos() + settings.deadline().plus(settings.haltGrace()).toNanos();
        REGISTRY.stopAll(Duration.ofNanos(Math.max(end - ticker.nanoTime(), 0)));
    }

    /** Whether exitguard's messages go to a backend rather than through {@code System.Logger}: the backend then filters them. */
    static boolean routes() {
        return REGISTRY.routes();
    }

    /** See {@link BackendRegistry#route}. */
    static boolean route(System.Logger.Level level, String message) {
        return REGISTRY.route(level, message);
    }

    /** Kept apart so that {@code java.util.logging} is touched only where it backs {@code System.Logger}. */
    private static final class JulBridge {
        static boolean reaches(Set<String> classNames) {
            if (classNames.contains(java.util.logging.LogManager.getLogManager().getClass().getName())) {
                return true;
            }
            for (java.util.logging.Handler handler : java.util.logging.Logger.getLogger("").getHandlers()) {
                if (classNames.contains(handler.getClass().getName())) {
                    return true;
                }
            }
            return false;
        }
    }

    // Named classes: this class loads on the start-up path (see the package's rule), also while
    // java.util.logging initialises from ExitLogManager.

    private static final class AddShutdownHook implements java.util.function.Consumer<Thread> {
        @Override
        public void accept(Thread hook) {
            Runtime.getRuntime().addShutdownHook(OwnHooks.mark(hook));
        }
    }

    private static final class GuardInstalled implements java.util.function.BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return ExitGuard.installed().isPresent();
        }
    }

    private static final class Warn implements java.util.function.Consumer<String> {
        @Override
        public void accept(String warning) {
            Log.warning(warning);
        }
    }
}
