package dev.exitguard.core;

/** What the exit does with threads that it must not get wrong: start one, join one, outwait the JVM. */
final class ExitThreads {

    private ExitThreads() {
    }

    /** Starts {@code thread}; returns what prevented it (a limit on threads, say), or null. */
    static Throwable start(Thread thread) {
        try {
            thread.start();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /** Joins {@code thread}, however often interrupted; the interrupt is kept for the caller. */
    static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks the calling thread until the JVM, whose shutdown is under way, is gone. */
    static void waitForTheJvmToEnd() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // Runtime.exit during a shutdown cannot be interrupted either.
                }
            }
        }
    }
}
