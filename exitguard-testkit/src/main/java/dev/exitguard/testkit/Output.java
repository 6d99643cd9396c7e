package dev.exitguard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/** Collects what a child writes to one stream, on a daemon thread, and lets a test wait for text in it. */
final class Output {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;
    private boolean closed;

    Output(InputStream stream, String name) {
        reader = new Thread(() -> pump(stream), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(InputStream stream) {
        byte[] buffer = new byte[8192];
        try (stream) {
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                synchronized (this) {
                    bytes.write(buffer, 0, n);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The stream was closed under the reader (the child was destroyed): what came is kept.
        } finally {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
        }
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits until the text so far matches, the stream ends, or the bound passes; returns the text
     * if it matched, null otherwise.
     */
    synchronized String await(Predicate<String> condition, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (true) {
            String text = text();
            if (condition.test(text)) {
                return text;
            }
            long left = end - System.nanoTime();
            if (closed || left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits (bounded) for the reader to have taken everything the stream had. */
    void drain(Duration bound) throws InterruptedException {
        reader.join(bound.toMillis());
    }
}
