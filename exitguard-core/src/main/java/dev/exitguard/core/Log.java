package dev.exitguard.core;

import java.io.PrintStream;

/**
 * The one logger of the project, {@code dev.exitguard}: warnings for what to fix, debug for what to
 * see.
 *
 * <p>When an exit begins in the JVM itself ({@code System.exit}), {@code java.util.logging}'s own
 * shutdown hook runs beside exitguard's and closes every handler, so a record logged then would
 * vanish. When {@code System.Logger} is backed by {@code java.util.logging} and its handlers are
 * gone, messages go to standard error instead, where the JDK's console handler would have put them.
 */
final class Log {

    static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    static final String JUL_FINDER = "sun.util.logging.internal.LoggingProviderImpl";

    private Log() {
    }

    static void warning(String message) {
        log(System.Logger.Level.WARNING, message);
    }

    static void info(String message) {
        log(System.Logger.Level.INFO, message);
    }

    static void debug(String message) {
        log(System.Logger.Level.DEBUG, message);
    }

    /** Loads what {@link #log} needs, the formatter of the log's handlers included, so that the first exit does not. */
    static void warmUp() {
        JulState.warmUp();
        LOGGER.isLoggable(System.Logger.Level.INFO);
    }

    /** Whether a message at {@code level} goes anywhere: worth building a long one only then. */
    static boolean isLoggable(System.Logger.Level level) {
        return LoggingBackends.routes() || level != System.Logger.Level.DEBUG && JulState.handlersClosed()
                || LOGGER.isLoggable(level);
    }

    static void log(System.Logger.Level level, String message) {
        // A logging backend that System.Logger does not reach takes exitguard's messages itself.
        if (LoggingBackends.route(level, message)) {
            return;
        }
        if (level != System.Logger.Level.DEBUG && JulState.handlersClosed()) {
            PrintStream err = System.err;
            err.println("exitguard " + level.getName() + ": " + message);
            err.flush();
            return;
        }
        LOGGER.log(level, message);
    }

    /** Kept apart so that {@code java.util.logging} is touched only where it backs {@code System.Logger}. */
    private static final class JulState {
        private static final boolean JUL_BACKEND = isJulBackend();

        static void warmUp() {
            if (!JUL_BACKEND) {
                return;
            }
            java.util.logging.LogRecord record = new java.util.logging.LogRecord(java.util.logging.Level.INFO, "warm-up");
            record.setLoggerName(LOGGER.getName());
            // A second record with its source given, as System.Logger's records have it: SimpleFormatter
            // joins class and method with a concatenation the JDK links at its first use, which must
            // not be the exit's. The first record infers its source, which loads the caller finder.
            java.util.logging.LogRecord sourced = new java.util.logging.LogRecord(java.util.logging.Level.INFO, "warm-up");
            sourced.setLoggerName(LOGGER.getName());
            sourced.setSourceClassName(Log.class.getName());
            sourced.setSourceMethodName("warmUp");
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(LOGGER.getName());
            for (; logger != null; logger = logger.getParent()) {
                for (java.util.logging.Handler handler : logger.getHandlers()) {
                    java.util.logging.Formatter formatter = handler.getFormatter();
                    if (formatter != null) {
                        // Formatting a timestamp the first time loads dozens of classes: do it now, not at exit.
                        formatter.format(record);
                        formatter.format(sourced);
                    }
                }
                if (!logger.getUseParentHandlers()) {
                    break;
                }
            }
        }

        static boolean handlersClosed() {
            if (!JUL_BACKEND) {
                return false;
            }
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(LOGGER.getName());
            for (; logger != null; logger = logger.getParent()) {
                if (logger.getHandlers().length > 0) {
                    return false;
                }
                if (!logger.getUseParentHandlers()) {
                    break;
                }
            }
            return true;
        }

        private static boolean isJulBackend() {
            try {
                return System.LoggerFinder.getLoggerFinder().getClass().getName().equals(JUL_FINDER)
                        && ModuleLayer.boot().findModule("java.logging").isPresent();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}
