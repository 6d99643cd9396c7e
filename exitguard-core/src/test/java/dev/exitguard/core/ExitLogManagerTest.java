package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What a test JVM can show of {@link ExitLogManager}; that the JDK's own shutdown hook leaves its
 * handlers open until exitguard has logged the report is shown by exitguard-tests, in child JVMs.
 */
class ExitLogManagerTest {

    private static final class CountingHandler extends Handler {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void publish(LogRecord record) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void itIsHandedToExitguardAsTheJavaUtilLoggingBackend() {
        long before = LoggingBackends.registered().stream().filter(b -> b.name().equals("java.util.logging")).count();
        new ExitLogManager();
        List<String> names = LoggingBackends.registered().stream().map(LoggingBackend::name).toList();
        assertEquals(before + 1, names.stream().filter("java.util.logging"::equals).count(), names::toString);
    }

    @Test
    void aResetAskedByTheApplicationClosesTheHandlersAtOnce() {
        ExitLogManager manager = new ExitLogManager();
        // A logger of this manager, not the JVM's: nothing here touches the JVM's own handlers.
        Logger own = new Logger("exitguard.test", null) {
        };
        assertTrue(manager.addLogger(own));
        CountingHandler handler = new CountingHandler();
        own.addHandler(handler);

        manager.reset();

        assertEquals(1, handler.closed.get());
        assertEquals(0, own.getHandlers().length);
    }
}
