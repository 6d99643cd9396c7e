package dev.exitguard.guice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The warnings logged on {@code dev.exitguard} while it is open. */
final class Warnings extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.exitguard");
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private Warnings() {
    }

    static Warnings record() {
        Warnings warnings = new Warnings();
        warnings.logger.addHandler(warnings);
        return warnings;
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            messages.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
