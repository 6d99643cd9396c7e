package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rehearsal at install that loads what an exit needs before the first signal. */
class WarmupTest {

    @Test
    void theRehearsalRunsOneActionOnTheWorkersFromADaemonThreadOfItsOwn() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 4, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
                Workers.daemons("test-worker-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer"));
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch ran = new CountDownLatch(1);
        Executor workers = task -> {
            Thread caller = Thread.currentThread();
            seen.add(caller.getName() + " daemon=" + caller.isDaemon());
            pool.execute(() -> {
                task.run();
                ran.countDown();
            });
        };
        try {
            Warmup.start(workers, timer);

            assertTrue(ran.await(20, TimeUnit.SECONDS), "the rehearsal never ran an action");
            assertEquals(List.of("exitguard-warmup daemon=true"), seen);
            assertEquals(1, timer.getPoolSize(), "the timer's thread is started");
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }

    @Test
    void aRehearsalThatFailsIsOnlyLoggedAtDebug() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer"));
        try (CapturedLog log = new CapturedLog()) {
            Warmup.rehearse(task -> {
                throw new IllegalStateException("no threads today");
            }, timer);

            assertEquals(List.of(), log.warnings());
            assertEquals(List.of("warm-up of the exit path failed; the first exit may be slower:"
                    + " java.lang.IllegalStateException: no threads today"), log.messagesAt(java.util.logging.Level.FINE));
        } finally {
            timer.shutdownNow();
        }
    }
}
