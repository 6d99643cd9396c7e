package dev.exitguard.core;

import static dev.exitguard.testkit.Bounds.await;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Stderr;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The watchdog of an exit: it never halts one that finished, and halts one stuck past its deadline plus the grace. */
class WatchdogTest extends GuardTest {

    /**
     * In-process the terminator returns; a finished exit's watchdog must then never fire. The
     * deadline is generous (1 s): the exit must be over before it, or the watchdog rightly halts,
     * and a machine busy with other builds can hold a thread for tens of milliseconds.
     */
    @Test
    void theWatchdogOfAnExitThatFinishedNeverHalts() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        Guards.isolated(terminator).trigger(trigger).deadline(Duration.ofSeconds(1)).haltGrace(Duration.ZERO).install();

        trigger.fire(TERM);
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
        // Well past the 1 s at which a watchdog left scheduled would fire.
        Thread.sleep(1_500);

        assertEquals(List.of("exit 143"), terminator.calls);
    }

    @Test
    void theWatchdogHaltsAnExitStuckPastItsDeadlinePlusTheGraceWithItsCode() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch release = new CountDownLatch(1);
        Guards.isolated(terminator)
                .trigger(trigger)
                .deadline(Duration.ofMillis(100))
                .haltGrace(Duration.ofMillis(100))
                .onReport(report -> {
                    // A listener that never returns holds the exit past every limit.
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .install();
        String stderr;
        try {
            stderr = Stderr.capture(() -> {
                trigger.fire(TERM);
                awaitTrue(() -> terminator.calls.contains("halt 143"), "never halted: " + terminator.calls);
            });
        } finally {
            release.countDown();
        }

        String text = stderr.replace(System.lineSeparator(), "\n");
        assertTrue(text.startsWith("exitguard: the exit (SIGNAL TERM (exit code 143)) outlived its deadline (100ms)"
                + " plus the halt grace (100ms); halting with exit code 143\n"
                + "exitguard: live shutdown hooks and non-daemon threads at the halt:\n"), text);
        // The exit's own thread is not a daemon, so the dump names it, stuck in the listener.
        assertTrue(text.contains("\n  \"exitguard-exit\" (non-daemon thread) WAITING\n"), text);
        assertTrue(text.contains("WatchdogTest.lambda$theWatchdogHaltsAnExitStuckPastItsDeadline"), text);
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
    }
}
