package dev.exitguard.demo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Appends the buffer to the journal in the background, every few milliseconds. */
final class Flusher {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "demo-flusher");
        thread.setDaemon(true);
        return thread;
    });

    Flusher(OrderBuffer buffer, long periodMillis) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                buffer.flush(false);
            } catch (Exception e) {
                System.err.println("demo: background flush failed, will retry: " + e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** The executor, for the exit to stop it. */
    ScheduledExecutorService executor() {
        return executor;
    }
}
