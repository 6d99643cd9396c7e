package dev.exitguard.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of every guard in the JVM: daemon workers that run actions, and one daemon timer,
 * {@code exitguard-watchdog}, for timeouts and the halt.
 *
 * <p>The workers are a cached pool: an action ready to run never waits for another to finish (that
 * would stretch the critical path), yet short actions reuse threads instead of getting one each. A
 * worker that an abandoned action never gives back is simply replaced. Two workers are kept
 * alive, so that an exit's first actions find a warm thread.
 *
 * <p>The pool is not bounded, on purpose. A bound would make an exit of many slow actions take
 * longer than its longest chain (400 actions of 500 ms on 100 threads: 2 s, not 0.5 s), and
 * actions abandoned at their timeout keep their threads, so a bounded pool could be left with
 * none for the later phases. The bound that matters is the one the system sets (a process or
 * container limit on threads): when it is reached, starting a worker fails, and {@link ExitRun}
 * degrades gracefully: the action waits for a thread, each worker that finishes takes the next
 * waiting action, and the hand-over is tried again every 20 ms. The timer's one thread is started
 * at install, so timeouts and the watchdog never need a new thread at exit.
 */
final class Workers {

    private Workers() {
    }

    private static final class Holder {
        static final ThreadPoolExecutor WORKERS = newWorkers();
        static final ScheduledThreadPoolExecutor TIMER = newTimer();
    }

    static Executor shared() {
        return Holder.WORKERS;
    }

    static ScheduledExecutorService timer() {
        return Holder.TIMER;
    }

    /** Starts the threads that are kept alive, so that the first exit does not wait for them. */
    static void prestart(Executor workers, ScheduledExecutorService timer) {
        if (workers instanceof ThreadPoolExecutor) {
            ((ThreadPoolExecutor) workers).prestartAllCoreThreads();
        }
        if (timer instanceof ThreadPoolExecutor) {
            ((ThreadPoolExecutor) timer).prestartAllCoreThreads();
        }
    }

    private static ThreadPoolExecutor newWorkers() {
        return new ThreadPoolExecutor(2, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemons("exitguard-worker-"));
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("exitguard-watchdog"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    static ThreadFactory daemons(String prefix) {
        return new Daemons(prefix);
    }

    /** Named daemon threads: {@code prefix + n}, or {@code prefix} alone for a single thread. */
    private static final class Daemons implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        Daemons(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            int n = count.incrementAndGet();
            Thread thread = new Thread(task, n == 1 && !prefix.endsWith("-") ? prefix : prefix + n);
            thread.setDaemon(true);
            return thread;
        }
    }
}
