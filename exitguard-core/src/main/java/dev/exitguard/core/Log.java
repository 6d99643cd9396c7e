package dev.exitguard.core;

/** The one logger of the project, {@code dev.exitguard}: warnings for what to fix, debug for what to see. */
final class Log {

    static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    private Log() {
    }

    static void warning(String message) {
        LOGGER.log(System.Logger.Level.WARNING, message);
    }

    static void info(String message) {
        LOGGER.log(System.Logger.Level.INFO, message);
    }

    static void debug(String message) {
        LOGGER.log(System.Logger.Level.DEBUG, message);
    }
}
