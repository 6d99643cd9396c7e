package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.blocking;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.PATIENCE;
import static dev.exitguard.testkit.Bounds.await;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.testkit.Stderr;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One exit, on a clock the test moves: exact times in the report, the deadline met exactly, the
 * duplicate-signal window, and the coordinator's own troubles (a pool that refuses or breaks, an
 * interrupt).
 */
class ExitRunTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);
    private static final ExitReason INT = ExitReason.signal("INT", 2);

    private final RecordingTerminator terminator = new RecordingTerminator();
    private final FakeTicker clock = new FakeTicker();

    @AfterEach
    void uninstall() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    private ExitGuard.Builder onTheClock() {
        return Guards.isolated(terminator).ticker(clock);
    }

    @Test
    void theReportMeasuresEachActionFromTheStartOfTheExit() {
        ExitGuard guard = onTheClock()
                .action(action("a", 0, c -> clock.advance(Duration.ofMillis(10))))
                .action(action("b", 0, c -> clock.advance(Duration.ofMillis(5)), "a"))
                .action(action("c", ExitPhase.RELEASE, c -> clock.advance(Duration.ofNanos(1_500))))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(FakeTicker.EPOCH, report.startedAt());
        assertEquals(Duration.ofNanos(15_001_500), report.duration());
        assertEquals(List.of(
                new ActionReport("a", 0, Outcome.SUCCEEDED, Duration.ZERO, Duration.ofMillis(10), Optional.empty(),
                        Optional.empty(), ""),
                new ActionReport("b", 0, Outcome.SUCCEEDED, Duration.ofMillis(10), Duration.ofMillis(5),
                        Optional.empty(), Optional.empty(), ""),
                new ActionReport("c", ExitPhase.RELEASE, Outcome.SUCCEEDED, Duration.ofMillis(15),
                        Duration.ofNanos(1_500), Optional.empty(), Optional.empty(), "")), report.actions());
    }

    @Test
    void theContextTellsTheTimeLeftExactly() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = onTheClock()
                .deadline(Duration.ofSeconds(20))
                .action(action("bounded", 0, Set.of(), Duration.ofSeconds(3), context -> {
                    seen.add(context.toString());
                    clock.advance(Duration.ofSeconds(1));
                    seen.add(context.remaining().toString());
                    clock.advance(Duration.ofSeconds(5));
                    seen.add(context.remaining().toString());
                }))
                .action(action("unbounded", ExitPhase.RELEASE, context -> {
                    seen.add(context.remaining().toString());
                    seen.add(context.deadline().toString());
                }))
                .build();

        guard.runActions(TERM);

        assertEquals(List.of("ExitContext[[bounded], SIGNAL TERM (exit code 143), remaining 3s]", "PT2S", "PT0S",
                "PT14S", FakeTicker.EPOCH.plusSeconds(20).toString()), seen);
    }

    @Test
    void aPhaseDueToBeginExactlyAtTheDeadlineIsSkipped() {
        ExitGuard guard = onTheClock()
                .deadline(Duration.ofSeconds(1))
                .action(action("uses-it-all", 0, c -> clock.advance(Duration.ofSeconds(1))))
                .action(noop("too-late", ExitPhase.RELEASE))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(Outcome.SUCCEEDED, report.outcome("uses-it-all").orElseThrow());
        assertEquals(new ActionReport("too-late", ExitPhase.RELEASE, Outcome.SKIPPED, Duration.ZERO, Duration.ZERO,
                Optional.empty(), Optional.empty(), "not started: the exit deadline passed before phase RELEASE began"),
                report.action("too-late").orElseThrow());
    }

    /**
     * The action moves the clock exactly to the deadline and blocks: the coordinator, waking up,
     * must take "no time left" as the deadline, not wait on with nothing to wait for.
     */
    @Test
    void anActionStillRunningExactlyAtTheDeadlineIsAbandoned() {
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = onTheClock()
                .deadline(Duration.ofMillis(200))
                .action(action("blocks", 0, c -> {
                    clock.advance(Duration.ofMillis(200));
                    release.await();
                }))
                .build();
        try {
            ExitReport report = assertTimeoutPreemptively(PATIENCE, () -> guard.runActions(TERM));

            ActionReport blocks = report.action("blocks").orElseThrow();
            assertEquals(Outcome.TIMED_OUT, blocks.outcome());
            assertEquals("still running at the exit deadline (200ms); interrupted and abandoned", blocks.detail());
            assertEquals(Duration.ofMillis(200), blocks.duration());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRepeatBeforeTheEndOfTheDuplicateWindowIsTheSameSignalAndOneAtItsEndIsASecond() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        onTheClock()
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ofMillis(100))
                .action(blocking("hung", 0, running, release))
                .install();
        String stderr;
        try (CapturedLog log = new CapturedLog()) {
            stderr = Stderr.capture(() -> {
                trigger.fire(TERM);
                await(running);
                trigger.fire(ExitReason.programmatic(7, "a health check"));
                clock.advance(Duration.ofMillis(99));
                trigger.fire(INT);
                assertEquals(List.of(), terminator.calls);
                clock.advance(Duration.ofMillis(1));
                trigger.fire(INT);
            });
            release.countDown();

            assertEquals(List.of(
                    "exit requested (PROGRAMMATIC a health check (exit code 7)) while the exit (SIGNAL TERM (exit code 143))"
                            + " runs; it joins that exit",
                    "signal INT 99ms after the exit began is taken as the same request (exitguard.duplicateSignalWindow)"),
                    log.messagesAt(Level.FINE));
        }
        assertEquals("halt 130", terminator.calls.get(0));
        assertTrue(stderr.startsWith("exitguard: second signal INT while exiting; halting now with exit code 130."
                + " Exit actions still running:\n  [hung] running for 100ms, at:\n\tat "), stderr);
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
    }

    @Test
    void aSecondCallWaitsForARunningExitOnlyUntilItsDeadlinePlusTheHaltGrace() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The clock does not move, so the first exit never reaches its deadline: it is stuck.
        ExitGuard guard = onTheClock()
                .deadline(Duration.ofMillis(500))
                .haltGrace(Duration.ZERO)
                .action(blocking("stuck", 0, running, release))
                .build();
        AtomicReference<ExitReport> first = new AtomicReference<>();
        Thread firstCaller = new Thread(() -> first.set(guard.runActions(TERM)));
        firstCaller.start();
        await(running);
        try {
            long began = System.nanoTime();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard.runActions(INT));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

            assertEquals("the exit (SIGNAL TERM (exit code 143)) has not finished within its deadline and halt grace",
                    e.getMessage());
            // A lower bound only: the wait is the 500 ms deadline plus one second of slack, and a
            // timed wait never ends early, however busy the machine.
            assertTrue(waitedMillis >= 1_400, () -> "gave up after " + waitedMillis + " ms");
        } finally {
            release.countDown();
        }
        firstCaller.join(PATIENCE.toMillis());
        assertEquals(Outcome.SUCCEEDED, first.get().outcome("stuck").orElseThrow());
    }

    @Test
    void anInterruptedCoordinatorGivesUpOnWhatStillRunsAndKeepsTheInterrupt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .action(blocking("blocks", 0, running, release))
                .action(noop("waits", 0, "blocks"))
                .build();
        AtomicReference<ExitReport> report = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread coordinator = new Thread(() -> {
            report.set(guard.runActions(TERM));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        coordinator.start();
        await(running);

        coordinator.interrupt();
        coordinator.join(PATIENCE.toMillis());
        release.countDown();

        assertEquals(Outcome.TIMED_OUT, report.get().outcome("blocks").orElseThrow(), report.get()::toTable);
        assertEquals("still running at the exit deadline (25s); interrupted and abandoned",
                report.get().action("blocks").orElseThrow().detail());
        assertEquals(Outcome.SKIPPED, report.get().outcome("waits").orElseThrow());
        assertEquals("not started: the exit deadline (25s) passed while it waited for [blocks]",
                report.get().action("waits").orElseThrow().detail());
        assertEquals(true, stillInterrupted.get());
    }

    /**
     * A pool that refuses every action costs the actions, never the exit: each waits for a thread
     * until its time is up, is reported as never started with what the pool said, and the exit
     * still publishes its report and ends. (Actions waiting for a thread that does come are in
     * {@code ThreadShortageTest}.)
     */
    @Test
    void anActionThePoolRefusesWaitsForAThreadUntilItsTimeIsUpAndTheExitGoesOn() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator)
                    .workers(task -> {
                        throw new RejectedExecutionException("pool is shut down");
                    }, timer)
                    .deadline(Duration.ofMillis(300))
                    .action(Actions.action("refused", 0, Set.of(), Duration.ofMillis(100), c -> { }))
                    .action(noop("waits-for-deadline", 0))
                    .action(noop("next", ExitPhase.RELEASE, "refused"))
                    .build();

            ExitReport report = guard.runActions(TERM);

            ActionReport refused = report.action("refused").orElseThrow();
            assertEquals(Outcome.SKIPPED, refused.outcome(), report::toTable);
            assertEquals("not started: no thread could be had for it within its timeout of 100ms"
                    + " (java.util.concurrent.RejectedExecutionException: pool is shut down)", refused.detail());
            assertEquals(Optional.empty(), refused.error());
            ActionReport late = report.action("waits-for-deadline").orElseThrow();
            assertEquals(Outcome.SKIPPED, late.outcome(), report::toTable);
            assertEquals("not started: no thread could be had for it before the exit deadline (300ms)"
                    + " (java.util.concurrent.RejectedExecutionException: pool is shut down)", late.detail());
            assertEquals(Outcome.SKIPPED, report.outcome("next").orElseThrow());
            assertEquals(List.of("could not start a thread for exit action [refused] (java.util.concurrent"
                    + ".RejectedExecutionException: pool is shut down); exit actions now wait for a thread: each takes"
                    + " the thread of an action that ends, or one started later, still bounded by its timeout and the"
                    + " exit's deadline"), log.warnings().subList(0, 1));
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void anExecutorThatFailsCostsTheActionsItCannotStartNotTheExit() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        @SuppressWarnings("unchecked")
        Consumer<ExitReport> listener = mock(Consumer.class);
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator)
                    .workers(task -> {
                        throw new IllegalStateException("pool broken");
                    }, timer)
                    .deadline(Duration.ofMillis(200))
                    .action(noop("first", 0))
                    .action(noop("second", 0, "first"))
                    .action(noop("later", 1000))
                    .onReport(listener)
                    .build();

            ExitReport report = guard.runActions(TERM);

            assertEquals("not started: no thread could be had for it before the exit deadline (200ms)"
                    + " (java.lang.IllegalStateException: pool broken)", report.action("first").orElseThrow().detail());
            assertEquals("not started: the exit deadline (200ms) passed while it waited for [first]",
                    report.action("second").orElseThrow().detail());
            assertEquals("not started: the exit deadline passed before phase RELEASE began",
                    report.action("later").orElseThrow().detail());
            assertEquals(3, report.count(Outcome.SKIPPED), report::toTable);
            verify(listener).accept(report);
            verifyNoMoreInteractions(listener);
            assertFalse(report.duration().isNegative(), report::toTable);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void anActionRunsOnAThreadNamedForItWhichGetsItsNameBackAndForgetsTheAction() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(task -> new Thread(task, "test-worker"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<String> names = new CopyOnWriteArrayList<>();
        try {
            ExitGuard guard = Guards.isolated(terminator)
                    .workers(worker, timer)
                    .action(action("flush-journal", 0, c -> names.add(Thread.currentThread().getName())))
                    .build();
            ExitReport report = guard.runActions(TERM);

            names.add(worker.submit(() -> Thread.currentThread().getName()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            // The same thread, now running something else, is no longer inside the action.
            assertEquals(report, worker.submit(() -> guard.runActions(INT)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        } finally {
            worker.shutdownNow();
            timer.shutdownNow();
        }
        assertEquals(List.of("exitguard-action-flush-journal", "test-worker"), names);
    }
}
