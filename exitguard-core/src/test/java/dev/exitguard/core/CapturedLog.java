package dev.exitguard.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the guard logs through {@code System.getLogger("dev.exitguard")} while it is open, read from
 * the JDK's default backend (java.util.logging) and kept from the console. Close it to restore
 * the logger.
 */
final class CapturedLog implements AutoCloseable {

    /** Held here: java.util.logging keeps its loggers only weakly. */
    private final Logger logger = Logger.getLogger("dev.exitguard");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level levelBefore = logger.getLevel();
    private final boolean parentHandlersBefore = logger.getUseParentHandlers();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    CapturedLog() {
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
    }

    /** The messages logged at WARNING, in order. */
    List<String> warnings() {
        return messagesAt(Level.WARNING);
    }

    /** The messages logged at exactly {@code level}, in order. */
    List<String> messagesAt(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(levelBefore);
        logger.setUseParentHandlers(parentHandlersBefore);
    }
}
