package dev.exitguard.tests.apps.logging;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Log4j API. */
public final class Log4jLog implements AppLog {
    private final Logger logger = LogManager.getLogger("app");

    @Override
    public void info(String line) {
        logger.info(line);
    }
}
