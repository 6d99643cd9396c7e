package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.blocking;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.PATIENCE;
import static dev.exitguard.testkit.Bounds.await;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.testkit.Stderr;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which exit ends the process, and with which code, when several ask: the first exit's code wins,
 * a later request joins it, {@code runActions} ends nothing so the first request after it ends the
 * process, and the report and the watchdog say what the process really exits with.
 */
class ExitCodeTest extends GuardTest {

    /** From the main thread, or from a thread an action started: the same. */
    @Test
    void exitDuringASignalsExitJoinsItAndNeverEndsTheProcessWithItsOwnCode() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .action(blocking("slow", 0, running, release))
                .install();
        trigger.fire(TERM);
        await(running);
        Thread exiter = new Thread(() -> guard.exit(7), "exiter");
        exiter.start();

        exiter.join(200);
        boolean joined = exiter.isAlive();
        release.countDown();
        exiter.join(PATIENCE.toMillis());

        assertTrue(joined, "exit(7) returned while the signal's exit still ran");
        assertFalse(exiter.isAlive(), "exit(7) did not return once the signal's exit had ended the process");
        assertEquals(List.of("exit 143"), terminator.calls);
        assertEquals(TERM, guard.report().orElseThrow().reason());
    }

    @Test
    void aSignalAfterRunActionsEndsTheProcessWithItsCodeWithoutRunningTheActionsAgain() {
        FakeTrigger trigger = new FakeTrigger("fake");
        AtomicInteger runs = new AtomicInteger();
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .action(action("work", 0, c -> runs.incrementAndGet()))
                .install();
        ExitReport report = guard.runActions(ExitReason.programmatic(0, "stopping by itself"));

        try (CapturedLog log = new CapturedLog()) {
            trigger.fire(TERM);

            awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
            assertEquals(List.of("exit requested (SIGNAL TERM (exit code 143)) after the actions ran in-process"
                    + " (PROGRAMMATIC stopping by itself (exit code 0)); the process exits with code 143 once they are"
                    + " over, without running them again"), log.messagesAt(java.util.logging.Level.INFO));
        }
        assertEquals(1, runs.get());
        assertEquals(List.of("exit 143"), terminator.calls);
        assertEquals(report, guard.report().orElseThrow());
        awaitTrue(() -> trigger.calls.contains("actionsFinished TERM"), "the trigger was not told: " + trigger.calls);
    }

    @Test
    void exitAfterRunActionsEndsTheProcessWithItsStatus() {
        AtomicInteger runs = new AtomicInteger();
        ExitGuard guard = Guards.isolated(terminator).action(action("work", 0, c -> runs.incrementAndGet())).build();
        guard.runActions(TERM);

        guard.exit(4);

        assertEquals(1, runs.get());
        assertEquals(List.of("exit 4"), terminator.calls);
    }

    /**
     * After runActions, the first signal ends the process; one more while the JVM's shutdown runs is
     * a second signal, and its message says what was still running: the JVM's own shutdown.
     */
    @Test
    void aSecondSignalAfterThatHaltsSayingTheJvmsShutdownWasRunning() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ZERO)
                .action(noop("work", 0))
                .install();
        guard.runActions(ExitReason.programmatic(0));
        trigger.fire(TERM);
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
        // What the JVM does next: run the shutdown hooks, exitguard's among them.
        Guards.shutdownHook(guard).run();

        String stderr = Stderr.capture(() -> trigger.fire(INT));

        assertEquals(List.of("exit 143", "halt 130"), terminator.calls);
        assertEquals("exitguard: second signal INT while exiting; halting now with exit code 130. Every exit action had"
                + " finished; the JVM's own shutdown (its other shutdown hooks) was still running.\n", stderr);
    }

    @Test
    void aSecondSignalWhileTheReportIsPublishedSaysSo() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch publishing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ZERO)
                .action(noop("work", 0))
                .onReport(report -> {
                    publishing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .install();
        trigger.fire(TERM);
        await(publishing);

        String stderr = Stderr.capture(() -> trigger.fire(INT));
        release.countDown();

        assertEquals("exitguard: second signal INT while exiting; halting now with exit code 130. Every exit action had"
                + " finished; the exit report was being published.\n", stderr);
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
        assertEquals(List.of("halt 130", "exit 143"), terminator.calls);
    }

    /**
     * The JVM's shutdown began elsewhere during a signal's exit, and then hangs: the process was to
     * exit with that shutdown's status, which nobody can see, so the watchdog halts with 1, not 143.
     */
    @Test
    void theWatchdogOfAnExitTheJvmTookOverHaltsWithTheUnknownStatus() throws Exception {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("test-timer-"));
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .workers(Workers.shared(), timer)
                .trigger(trigger)
                // Long enough for the pretended shutdown to take the exit over first, even on a loaded machine.
                .deadline(Duration.ofSeconds(2))
                .haltGrace(Duration.ZERO)
                .action(blocking("slow", 0, running, release))
                .install();
        Runnable hook = Guards.shutdownHook(guard);
        try {
            trigger.fire(TERM);
            await(running);
            String stderr = Stderr.capture(() -> {
                // As System.exit does: hold the JVM's shutdown lock while the hooks run, and after (it never returns).
                CountDownLatch locked = new CountDownLatch(1);
                Thread shutdown = new Thread(() -> {
                    synchronized (JvmShutdownLock.MONITOR) {
                        locked.countDown();
                        hook.run();
                        awaitTrue(() -> terminator.calls.contains("halt 1"), "never halted: " + terminator.calls);
                    }
                }, "pretend-system-exit");
                shutdown.start();
                await(locked);
                release.countDown();
                shutdown.join(PATIENCE.toMillis());
            });

            assertTrue(stderr.contains("halting with exit code 1"), stderr);
            assertEquals(ExitReason.Kind.JVM_SHUTDOWN, guard.report().orElseThrow().reason().kind());
            // The exit thread, once it has the lock, leaves the ending to the JVM's shutdown: exit joins it.
            guard.exit(9);
            assertEquals(List.of("halt 1"), terminator.calls);
        } finally {
            release.countDown();
            timer.shutdownNow();
        }
    }
}
