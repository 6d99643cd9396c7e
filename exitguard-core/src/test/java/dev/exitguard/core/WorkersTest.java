package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The threads of every guard: daemons, named, kept warm. */
class WorkersTest {

    @Test
    void threadsAreNamedDaemons() {
        ThreadFactory numbered = Workers.daemons("exitguard-worker-");
        ThreadFactory single = Workers.daemons("exitguard-watchdog");

        List<Thread> threads = List.of(numbered.newThread(() -> { }), numbered.newThread(() -> { }),
                single.newThread(() -> { }), single.newThread(() -> { }));

        assertEquals(List.of("exitguard-worker-1", "exitguard-worker-2", "exitguard-watchdog", "exitguard-watchdog2"),
                threads.stream().map(Thread::getName).toList());
        assertTrue(threads.stream().allMatch(Thread::isDaemon));
    }

    @Test
    void theSharedWorkersNeverQueueAndTheTimerForgetsCancelledTasks() {
        ThreadPoolExecutor workers = (ThreadPoolExecutor) Workers.shared();
        ScheduledThreadPoolExecutor timer = (ScheduledThreadPoolExecutor) Workers.timer();

        assertSame(workers, Workers.shared());
        assertEquals(2, workers.getCorePoolSize());
        assertEquals(Integer.MAX_VALUE, workers.getMaximumPoolSize());
        assertEquals(0, workers.getQueue().remainingCapacity());
        assertEquals(1, timer.getCorePoolSize());
        assertTrue(timer.getRemoveOnCancelPolicy());
        assertTrue(workers.getThreadFactory().newThread(() -> { }).isDaemon());
        assertTrue(timer.getThreadFactory().newThread(() -> { }).isDaemon());
    }

    @Test
    void prestartStartsTheThreadsKeptAlive() {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 4, 1, TimeUnit.MINUTES,
                new java.util.concurrent.SynchronousQueue<>(), Workers.daemons("test-worker-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer"));
        try {
            Workers.prestart(workers, timer);

            assertEquals(2, workers.getPoolSize());
            assertEquals(1, timer.getPoolSize());
            Workers.prestart(Runnable::run, timer);
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }
}
