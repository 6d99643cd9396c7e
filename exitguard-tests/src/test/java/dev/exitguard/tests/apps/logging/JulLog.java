package dev.exitguard.tests.apps.logging;

import java.util.logging.Logger;

/** java.util.logging; the logger is held here, since java.util.logging keeps its loggers only weakly. */
public final class JulLog implements AppLog {
    private final Logger logger = Logger.getLogger("app");

    @Override
    public void info(String line) {
        logger.info(line);
    }
}
