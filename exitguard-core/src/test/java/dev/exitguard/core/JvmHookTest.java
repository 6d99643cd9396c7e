package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.blocking;
import static dev.exitguard.testkit.Bounds.await;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.testkit.Stderr;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exit that begins in the JVM itself ({@code System.exit}, the last thread ending), run
 * in-process by calling the guard's shutdown hook by hand. What only a real JVM shows (the exit
 * code, an action calling {@code System.exit}) is in {@link ChildJvmTest}.
 */
class JvmHookTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final RecordingTerminator terminator = new RecordingTerminator();
    /** A timer of this test's own: the hook's watchdog is never cancelled, as the JVM is going away. */
    private ScheduledThreadPoolExecutor timer;

    @BeforeEach
    void timer() {
        timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer-"));
    }

    @AfterEach
    void uninstall() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
        timer.shutdownNow();
    }

    @Test
    void theHookRunsEveryActionOnceAndItsWatchdogHaltsAShutdownThatOutlivesTheDeadline() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ExitGuard guard = Guards.isolated(terminator)
                .workers(Workers.shared(), timer)
                .deadline(Duration.ofMillis(100))
                .haltGrace(Duration.ZERO)
                .action(action("flush", 0, c -> runs.incrementAndGet()))
                .install();
        Thread hook = Guards.shutdownHook(guard);

        String stderr = Stderr.capture(() -> {
            hook.run();
            // In a real JVM the process is gone by now; in-process, the watchdog fires.
            awaitTrue(() -> terminator.calls.contains("halt 1"), "the watchdog never halted: " + terminator.calls);
        });
        hook.run();

        ExitReport report = guard.report().orElseThrow();
        assertEquals(ExitReason.jvmShutdown("System.exit, or the last non-daemon thread ended"), report.reason());
        assertEquals(Outcome.SUCCEEDED, report.outcome("flush").orElseThrow());
        assertEquals(1, runs.get());
        assertEquals(List.of("halt 1"), terminator.calls);
        assertTrue(stderr.startsWith("exitguard: the exit (JVM_SHUTDOWN System.exit, or the last non-daemon thread ended"
                + " (exit code unknown)) outlived its deadline (100ms) plus the halt grace (0ms); halting with exit code 1"),
                stderr);
    }

    /**
     * The hook running while a signal's exit runs means that the JVM's shutdown began elsewhere
     * ({@code System.exit} in the application or in an action): the process exits with that call's
     * status, so the report names the JVM's shutdown, not the signal, and the exit thread does not
     * end the process with the signal's code. In a real JVM it waits for ever for the JVM's shutdown
     * lock; here it gets it once the pretended shutdown lets it go, and leaves the terminator alone.
     */
    @Test
    void theHookDuringARunningExitWaitsForItRunsNothingAgainAndReportsTheJvmsShutdown() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .action(action("slow", 0, c -> {
                    runs.incrementAndGet();
                    running.countDown();
                    release.await();
                }))
                .install();
        Runnable shutdownHook = Guards.shutdownHook(guard);
        // As System.exit does: the thread that begins the JVM's shutdown holds its lock while the hooks run.
        Thread hook = new Thread(() -> {
            synchronized (JvmShutdownLock.MONITOR) {
                shutdownHook.run();
            }
        }, "pretend-jvm-shutdown");

        trigger.fire(TERM);
        await(running);
        hook.start();
        hook.join(200);
        boolean waited = hook.isAlive();
        release.countDown();
        hook.join(TimeUnit.SECONDS.toMillis(20));

        assertTrue(waited, "the hook returned while the exit still ran");
        assertFalse(hook.isAlive());
        assertEquals(1, runs.get());
        assertEquals(ExitReason.jvmShutdown("the JVM's own shutdown (System.exit, or Runtime.exit) began during the"
                + " exit (SIGNAL TERM (exit code 143)), and the process exits with the status given there"),
                guard.report().orElseThrow().reason());
        assertEquals(Outcome.SUCCEEDED, guard.report().orElseThrow().outcome("slow").orElseThrow());
        // The JVM's shutdown ends the process now, with its own status: the exit thread must not
        // end it with the signal's code. A later exit joins that thread, which has ended.
        guard.exit(9);
        assertEquals(List.of(), terminator.calls);
    }

    @Test
    void aHookThatCannotWaitForAStuckExitSaysSoAndLetsTheJvmGoOn() throws Exception {
        FakeTicker clock = new FakeTicker();
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The clock does not move, so the exit never reaches its deadline: it is stuck.
        ExitGuard guard = Guards.isolated(terminator)
                .ticker(clock)
                .workers(Workers.shared(), timer)
                .trigger(trigger)
                .deadline(Duration.ofMillis(100))
                .haltGrace(Duration.ZERO)
                .action(blocking("stuck", 0, running, release))
                .install();
        Thread hook = Guards.shutdownHook(guard);
        try (CapturedLog log = new CapturedLog()) {
            String stderr = Stderr.capture(() -> {
                trigger.fire(TERM);
                await(running);
                hook.run();
            });

            // The exit's own watchdog fired meanwhile, naming what still ran.
            assertTrue(terminator.calls.contains("halt 143"), terminator.calls::toString);
            assertTrue(stderr.startsWith("exitguard: the exit (SIGNAL TERM (exit code 143)) outlived its deadline (100ms)"
                    + " plus the halt grace (0ms); halting with exit code 143\n  [stuck] running for 0ms, at:\n\tat "),
                    stderr);

            assertTrue(log.warnings().contains("the JVM is shutting down before the exit finished: the exit"
                    + " (SIGNAL TERM (exit code 143)) has not finished within its deadline and halt grace"),
                    log.warnings()::toString);
        } finally {
            release.countDown();
        }
    }
}
