package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.PATIENCE;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The order and parallelism of an exit. Nothing here sleeps to make a point: where two actions
 * must overlap, each waits for the other, so the test fails (by timing out) if they do not.
 */
class SchedulingTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final RecordingTerminator terminator = new RecordingTerminator();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private Actions.Body record(String name) {
        return context -> {
            events.add("start " + name);
            events.add("end " + name);
        };
    }

    @Test
    void phasesRunInAscendingOrderEachABarrier() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("telemetry", ExitPhase.TELEMETRY, record("telemetry")))
                .action(action("release", ExitPhase.RELEASE, record("release")))
                .action(action("drain", ExitPhase.DRAIN, record("drain")))
                .action(action("intake", ExitPhase.STOP_INTAKE, record("intake")))
                .action(action("default", ExitPhase.DEFAULT, record("default")))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("start intake", "end intake", "start drain", "end drain", "start default",
                "end default", "start release", "end release", "start telemetry", "end telemetry"), events);
        assertEquals(List.of("intake", "drain", "default", "release", "telemetry"),
                report.actions().stream().map(ExitReport.ActionReport::name).toList());
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void actionsOfOnePhaseRunInParallel() {
        CyclicBarrier bothRunning = new CyclicBarrier(3);
        Actions.Body meet = context -> bothRunning.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("a", 0, meet))
                .action(action("b", 0, meet))
                .action(action("c", 0, meet))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void afterOrdersActionsInsideAPhase() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("third", 0, record("third"), "second"))
                .action(action("second", 0, record("second"), "first"))
                .action(action("first", 0, record("first")))
                .build();

        guard.runActions(TERM);

        assertEquals(List.of("start first", "end first", "start second", "end second", "start third", "end third"),
                events);
    }

    /**
     * Chains a -> b and c, where c can only finish once b has run: b must start the moment a ends,
     * while c still runs, not when the whole "layer" of a and c is over.
     */
    @Test
    void anActionStartsTheMomentWhatItIsAfterHasFinished() {
        CountDownLatch bRan = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .action(noop("a", 0))
                .action(action("b", 0, context -> bRan.countDown(), "a"))
                .action(action("c", 0, context -> {
                    if (!bRan.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                        throw new AssertionError("b did not start while c was running");
                    }
                }))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void afterAnEarlierPhaseIsSatisfiedByTheBarrier() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("late", ExitPhase.RELEASE, record("late"), "early"))
                .action(action("early", ExitPhase.DRAIN, record("early")))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("start early", "end early", "start late", "end late"), events);
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void aFailureIsRecordedAndEverythingElseStillRuns() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("broken", 0, context -> {
                    throw new IllegalStateException("disk full");
                }))
                .action(action("after-broken", 0, record("after-broken"), "broken"))
                .action(action("error", 0, context -> {
                    throw new OutOfMemoryError("pretend");
                }))
                .action(action("later-phase", ExitPhase.RELEASE, record("later-phase")))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(Outcome.FAILED, report.outcome("broken").orElseThrow());
        assertEquals("java.lang.IllegalStateException: disk full", report.action("broken").orElseThrow().error().orElseThrow());
        assertEquals(Outcome.FAILED, report.outcome("error").orElseThrow());
        assertEquals(Outcome.SUCCEEDED, report.outcome("after-broken").orElseThrow());
        assertEquals(Outcome.SUCCEEDED, report.outcome("later-phase").orElseThrow());
        assertTrue(events.containsAll(List.of("end after-broken", "end later-phase")));
    }

    @Test
    void anActionPastItsTimeoutIsInterruptedWithItsStackCapturedAndTheExitGoesOn() {
        List<Boolean> sawInterrupt = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("stuck", 0, Set.of(), Duration.ofMillis(100), context -> {
                    try {
                        Thread.sleep(PATIENCE.toMillis());
                    } catch (InterruptedException e) {
                        sawInterrupt.add(true);
                    }
                }))
                .action(action("waits-for-stuck", 0, record("waits-for-stuck"), "stuck"))
                .build();

        ExitReport report = guard.runActions(TERM);

        ExitReport.ActionReport stuck = report.action("stuck").orElseThrow();
        assertEquals(Outcome.TIMED_OUT, stuck.outcome());
        assertTrue(stuck.stack().orElseThrow().contains("java.lang.Thread.sleep"), stuck.stack()::get);
        assertEquals("ran past its timeout of 100ms and was interrupted", stuck.detail());
        assertEquals(Outcome.SUCCEEDED, report.outcome("waits-for-stuck").orElseThrow());
        awaitTrue(() -> !sawInterrupt.isEmpty(), "the stuck action was never interrupted");
    }

    @Test
    void theGuardsDefaultTimeoutAppliesToActionsWithoutOne() {
        CountDownLatch never = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .actionTimeout(Duration.ofMillis(50))
                .action(action("stuck", 0, context -> never.await()))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(Outcome.TIMED_OUT, report.outcome("stuck").orElseThrow());
        assertEquals("ran past its timeout of 50ms and was interrupted", report.action("stuck").orElseThrow().detail());
    }

    @Test
    void anActionIgnoringInterruptsIsAbandonedAtTheDeadlineAndLaterPhasesAreSkipped() {
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .deadline(Duration.ofMillis(300))
                .action(action("deaf", 0, context -> {
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        } catch (InterruptedException swallowed) {
                            // This action refuses to stop.
                        }
                    }
                }))
                .action(action("waiting", 0, record("waiting"), "deaf"))
                .action(action("next-phase", ExitPhase.RELEASE, record("next-phase")))
                .build();
        try {
            ExitReport report = guard.runActions(TERM);

            ExitReport.ActionReport deaf = report.action("deaf").orElseThrow();
            assertEquals(Outcome.TIMED_OUT, deaf.outcome());
            assertEquals("still running at the exit deadline (300ms); interrupted and abandoned", deaf.detail());
            assertTrue(deaf.stack().orElseThrow().contains("CountDownLatch.await"), deaf.stack()::get);
            assertEquals(Outcome.SKIPPED, report.outcome("waiting").orElseThrow());
            assertEquals("not started: the exit deadline (300ms) passed while it waited for [deaf]",
                    report.action("waiting").orElseThrow().detail());
            assertEquals(Outcome.SKIPPED, report.outcome("next-phase").orElseThrow());
            assertEquals("not started: the exit deadline passed before phase RELEASE began",
                    report.action("next-phase").orElseThrow().detail());
            assertTrue(events.isEmpty(), events::toString);
        } finally {
            release.countDown();
        }
    }

    @Test
    void theContextTellsTheReasonTheDeadlineAndTheTimeLeft() {
        List<Object> seen = new ArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .deadline(Duration.ofSeconds(20))
                .action(action("look", 0, Set.of(), Duration.ofSeconds(3), context -> {
                    seen.add(context.reason());
                    seen.add(context.remaining());
                    seen.add(context.deadline());
                }))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(TERM, seen.get(0));
        Duration remaining = (Duration) seen.get(1);
        assertTrue(remaining.compareTo(Duration.ofSeconds(3)) <= 0 && remaining.compareTo(Duration.ZERO) > 0,
                remaining::toString);
        assertEquals(report.startedAt().plus(Duration.ofSeconds(20)), seen.get(2));
    }

    @Test
    void theReportListsPhasesThenAfterOrderThenNamesWhateverTheRegistrationOrder() {
        ExitGuard forward = Guards.isolated(terminator)
                .action(noop("z", 0)).action(noop("b", 0, "z")).action(noop("a", 0)).action(noop("r", ExitPhase.RELEASE))
                .build();
        ExitGuard backward = Guards.isolated(terminator)
                .action(noop("r", ExitPhase.RELEASE)).action(noop("a", 0)).action(noop("b", 0, "z")).action(noop("z", 0))
                .build();

        List<String> one = forward.runActions(TERM).actions().stream().map(ExitReport.ActionReport::name).toList();
        List<String> two = backward.runActions(TERM).actions().stream().map(ExitReport.ActionReport::name).toList();

        assertEquals(List.of("a", "z", "b", "r"), one);
        assertEquals(one, two);
    }

    /**
     * An action is handed to a worker only after the scheduler's lock is released. The executor
     * here returns from {@code execute} only once the action it was given has begun; had the hand-over
     * happened under the lock, the worker (whose first step takes that lock) could not begin, and
     * the executor would report a stall after its patience ran out. Covers both hand-overs: the
     * coordinator's, of a phase's first actions, and a worker's, of what waited for its action.
     */
    @Test
    void actionsAreHandedToWorkersOutsideTheSchedulersLock() {
        Semaphore begun = new Semaphore(0);
        List<String> stalls = new CopyOnWriteArrayList<>();
        Executor handOver = task -> {
            Thread thread = new Thread(task, "test-worker");
            thread.setDaemon(true);
            thread.start();
            try {
                if (!begun.tryAcquire(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    stalls.add("an action had not begun when execute() gave up waiting for it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Actions.Body body = context -> begun.release();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ExitGuard guard = Guards.isolated(terminator)
                    .workers(handOver, timer)
                    .action(action("first", 0, body))
                    .action(action("second", 0, body))
                    .action(action("after-first", 0, body, "first"))
                    .build();

            ExitReport report = guard.runActions(TERM);

            assertEquals(List.of(), stalls);
            assertTrue(report.allSucceeded(), report::toTable);
        } finally {
            timer.shutdownNow();
        }
    }

    /**
     * With a cached pool, as the shared workers are, actions that return at once reuse threads:
     * 2,000 no-ops in one phase must not get a thread each. (Handed over under the scheduler's
     * lock, every worker waited for that lock instead of for work, and the pool started 2,000.)
     * The bound is loose on purpose: how many threads a pool needs depends on the machine's load,
     * but on any machine a few hundred is far more than enough for actions that do nothing.
     */
    @Test
    void noOpActionsReuseThreads() {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    threads.incrementAndGet();
                    Thread thread = new Thread(task, "test-worker");
                    thread.setDaemon(true);
                    return thread;
                });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ExitGuard.Builder builder = Guards.isolated(terminator).workers(pool, timer);
            int actions = 2_000;
            for (int i = 0; i < actions; i++) {
                builder.action(noop("noop-" + i, 0));
            }
            ExitReport report = builder.build().runActions(TERM);

            assertTrue(report.allSucceeded(), report::toTable);
            assertEquals(actions, report.count(Outcome.SUCCEEDED));
            assertTrue(threads.get() <= 500, threads.get() + " threads for " + actions + " no-op actions");
        } finally {
            pool.shutdownNow();
            timer.shutdownNow();
        }
    }
}
