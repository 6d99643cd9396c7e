package dev.exitguard.tests.apps.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SLF4J API. */
public final class Slf4jLog implements AppLog {
    private final Logger logger = LoggerFactory.getLogger("app");

    @Override
    public void info(String line) {
        logger.info(line);
    }
}
