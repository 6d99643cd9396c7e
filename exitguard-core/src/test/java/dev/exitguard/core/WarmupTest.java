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
    void theRehearsalRunsAWholeExitAsASignalWouldOnTheWorkersItIsGiven() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 4, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
                Workers.daemons("test-worker-"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer"));
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch ran = new CountDownLatch(3);
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

            assertTrue(ran.await(20, TimeUnit.SECONDS), "the rehearsal did not run its three actions");
            // As in a real exit: the first phase's action (the drain) is handed over by the thread that
            // asked for the exit (a signal's, here the warm-up's), before the exit thread starts; the
            // next phase's first no-op by the exit thread; the second no-op, after() the first, by
            // the worker that finished that one.
            assertEquals(3, seen.size(), seen::toString);
            assertEquals(List.of("exitguard-warmup daemon=true", "exitguard-exit daemon=false"), seen.subList(0, 2));
            assertTrue(seen.get(2).matches("test-worker-\\d+ daemon=true"), seen::toString);
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
            List<String> failed = log.messagesAt(java.util.logging.Level.FINE).stream()
                    .filter(m -> m.startsWith("warm-up of the exit path failed; the first exit may be slower: ")).toList();
            assertEquals(1, failed.size(), log.messagesAt(java.util.logging.Level.FINE)::toString);
            assertTrue(failed.get(0).contains("java.lang.IllegalStateException: no threads today"), failed::toString);
        } finally {
            timer.shutdownNow();
        }
    }
}
