package dev.exitguard.demo;

import java.time.Duration;

/**
 * Lets requests in until it is closed, and then waits for those already in to leave. Closing and
 * entering exclude each other, so once {@link #close()} returns no request can slip in behind the
 * drain. Thread-safe.
 */
final class IntakeGate {

    private boolean closed;
    private int inside;

    synchronized boolean tryEnter() {
        if (closed) {
            return false;
        }
        inside++;
        return true;
    }

    synchronized void leave() {
        if (--inside == 0) {
            notifyAll();
        }
    }

    synchronized void close() {
        closed = true;
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    synchronized int inside() {
        return inside;
    }

    /** Waits until nobody is inside, at most {@code limit}; true if so. */
    synchronized boolean awaitEmpty(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (inside > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
