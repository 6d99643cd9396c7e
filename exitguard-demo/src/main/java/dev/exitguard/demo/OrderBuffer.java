package dev.exitguard.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-behind buffer: acknowledged orders wait here until the background flusher, or the
 * exit, appends them to the journal. An order acknowledged to a client is in here or in the
 * journal, never nowhere: that is the promise the exit has to keep. Thread-safe.
 */
final class OrderBuffer {

    private final Journal journal;
    private final List<Order> pending = new ArrayList<>();

    OrderBuffer(Journal journal) {
        this.journal = journal;
    }

    synchronized void add(Order order) {
        pending.add(order);
    }

    synchronized int size() {
        return pending.size();
    }

    /** Moves every pending order to the journal; with {@code sync}, to the disk as well. */
    void flush(boolean sync) throws IOException {
        List<Order> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        try {
            journal.append(batch);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                pending.addAll(0, batch);
            }
            throw e;
        }
        if (sync) {
            journal.sync();
        }
    }
}
