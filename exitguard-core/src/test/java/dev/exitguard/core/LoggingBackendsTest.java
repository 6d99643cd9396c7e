package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LoggingBackendsTest {

    /** Stands for a bridge from java.util.logging to a backend, such as SLF4JBridgeHandler. */
    static final class BridgeHandler extends Handler {
        @Override
        public void publish(LogRecord record) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void systemLoggerReachesABackendThroughItsFinder() {
        // A test JVM has the JDK's own finder, which stands in for a backend's here.
        assertTrue(LoggingBackends.systemLoggerReaches(Set.of(System.LoggerFinder.getLoggerFinder().getClass().getName())));
        assertFalse(LoggingBackends.systemLoggerReaches(Set.of("org.apache.logging.log4j.jpl.Log4jSystemLoggerFinder")));
    }

    @Test
    void systemLoggerReachesABackendThroughABridgeOnTheRootLoggerOfJavaUtilLogging() {
        Logger root = Logger.getLogger("");
        BridgeHandler bridge = new BridgeHandler();
        Set<String> names = Set.of(BridgeHandler.class.getName());
        assertFalse(LoggingBackends.systemLoggerReaches(names));
        root.addHandler(bridge);
        try {
            assertTrue(LoggingBackends.systemLoggerReaches(names));
        } finally {
            root.removeHandler(bridge);
        }
    }

    @Test
    void systemLoggerReachesABackendThroughTheLogManagerOfJavaUtilLogging() {
        assertTrue(LoggingBackends.systemLoggerReaches(
                Set.of(java.util.logging.LogManager.getLogManager().getClass().getName())));
    }
}
