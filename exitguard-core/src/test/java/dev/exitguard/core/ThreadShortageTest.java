package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.testkit.Bounds.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An exit on a pool that cannot start the threads it needs, as under a process or container limit
 * on threads: the workers are the shared pool's kind (cached, one thread per action ready to run),
 * but their thread factory fails as {@code Thread.start} does then. Actions wait for a thread
 * instead of being lost, each runs once, the coordinator survives, and later phases still run.
 * (The same under a real limit, in a child JVM, is exitguard-tests' {@code ThreadLimitTest}.)
 */
class ThreadShortageTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final RecordingTerminator terminator = new RecordingTerminator();

    /** Starts threads while {@code allowed} says so, then fails as the JVM does when it cannot start one. */
    private static final class LimitedThreads implements ThreadFactory {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        private final int limit;
        private final AtomicBoolean shortage;

        LimitedThreads(int limit, AtomicBoolean shortage) {
            this.limit = limit;
            this.shortage = shortage;
        }

        @Override
        public Thread newThread(Runnable task) {
            if (shortage.get() && started.get() >= limit) {
                refused.incrementAndGet();
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource"
                        + " limits reached");
            }
            Thread thread = new Thread(task, "test-worker-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    private static ThreadPoolExecutor pool(ThreadFactory threads) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }

    @Test
    void fortyActionsOnFourThreadsAllRunOnceAndTheLaterPhaseRunsAfterThem() throws Exception {
        LimitedThreads threads = new LimitedThreads(4, new AtomicBoolean(true));
        ThreadPoolExecutor workers = pool(threads);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer-"));
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicLong lastWorkEnded = new AtomicLong();
        AtomicLong flushStarted = new AtomicLong();
        ExitGuard.Builder builder = Guards.isolated(terminator).workers(workers, timer);
        for (int i = 0; i < 40; i++) {
            String name = "work-" + i;
            builder.action(action(name, 0, c -> {
                runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(20);
                lastWorkEnded.accumulateAndGet(System.nanoTime(), Math::max);
            }));
        }
        builder.action(action("flush-journal", ExitPhase.RELEASE, c -> flushStarted.set(System.nanoTime())));
        try (CapturedLog log = new CapturedLog()) {
            ExitReport report = builder.build().runActions(TERM);

            assertTrue(report.allSucceeded(), report::toTable);
            assertEquals(40, runs.size());
            runs.forEach((name, count) -> assertEquals(1, count.get(), name));
            assertTrue(lastWorkEnded.get() <= flushStarted.get(), "flush-journal ran before every work action ended");
            assertEquals(4, threads.started.get(), "no thread beyond the limit was started");
            assertTrue(threads.refused.get() > 0, "the limit never bit, so this proves nothing");
            long waited = report.actions().stream().filter(a -> a.detail().startsWith("waited ")).count();
            assertTrue(waited >= 36 - 4, report::toTable);
            ActionReport one = report.actions().stream().filter(a -> a.detail().startsWith("waited ")).findFirst()
                    .orElseThrow();
            assertTrue(one.detail().endsWith(" for a thread (java.lang.OutOfMemoryError: unable to create native thread:"
                    + " possibly out of memory or process/resource limits reached)"), one.detail());
            assertEquals(1, log.warnings().stream().filter(w -> w.startsWith("could not start a thread")).count(),
                    log.warnings()::toString);
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }

    /**
     * The one thread there is stays busy until the others have run: they run only because the
     * hand-over is tried again, once threads can be started again (another part of the process
     * ended some), not because a worker freed up.
     */
    @Test
    void actionsWaitingForAThreadGetOneOnceThreadsCanBeStartedAgain() throws Exception {
        AtomicBoolean shortage = new AtomicBoolean(true);
        LimitedThreads threads = new LimitedThreads(1, shortage);
        ThreadPoolExecutor workers = pool(threads);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer-"));
        CountDownLatch othersRan = new CountDownLatch(3);
        CountDownLatch holding = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .workers(workers, timer)
                // First in run order, so it is the one that gets the only thread.
                .action(action("a-holds-the-thread", 0, c -> {
                    holding.countDown();
                    othersRan.await();
                }))
                .action(action("b", 0, c -> othersRan.countDown()))
                .action(action("c", 0, c -> othersRan.countDown()))
                .action(action("d", 0, c -> othersRan.countDown()))
                .build();
        try (CapturedLog log = new CapturedLog()) {
            Thread exit = new Thread(() -> guard.runActions(TERM), "test-exit");
            exit.start();
            await(holding);
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(ThreadHandOver.THREAD_RETRY_NANOS) * 3);
            shortage.set(false);
            exit.join(TimeUnit.SECONDS.toMillis(20));

            ExitReport report = guard.report().orElseThrow();
            assertTrue(report.allSucceeded(), report::toTable);
            assertTrue(threads.started.get() >= 2, "threads were started again: " + threads.started);
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }

    @Test
    void anActionThatNeverGetsAThreadIsReportedAsNotStartedWithWhy() throws Exception {
        LimitedThreads threads = new LimitedThreads(1, new AtomicBoolean(true));
        ThreadPoolExecutor workers = pool(threads);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer-"));
        CountDownLatch never = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .workers(workers, timer)
                .deadline(java.time.Duration.ofMillis(300))
                .action(action("holds-the-thread", 0, c -> never.await()))
                .action(action("starved", 0, c -> { }))
                .build();
        try (CapturedLog log = new CapturedLog()) {
            ExitReport report = guard.runActions(TERM);

            assertEquals(Outcome.TIMED_OUT, report.outcome("holds-the-thread").orElseThrow(), report::toTable);
            ActionReport starved = report.action("starved").orElseThrow();
            assertEquals(Outcome.SKIPPED, starved.outcome(), report::toTable);
            assertEquals("not started: no thread could be had for it before the exit deadline (300ms)"
                    + " (java.lang.OutOfMemoryError: unable to create native thread: possibly out of memory or"
                    + " process/resource limits reached)", starved.detail());
        } finally {
            never.countDown();
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }
}
