package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.blocking;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.await;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.testkit.JsonReader;
import dev.exitguard.testkit.Stderr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a request does while an exit runs: a second signal, a repeat, a second exit, one from inside an action. */
class RequestDuringExitTest extends GuardTest {

    @Test
    void aSecondSignalWhileExitingHaltsWithItsCodeNamingWhatStillRuns() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> actionThread = new AtomicReference<>();
        Guards.isolated(terminator)
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ZERO)
                .action(action("hung-flush", 0, c -> {
                    actionThread.set(Thread.currentThread());
                    running.countDown();
                    release.await();
                }))
                .install();
        String stderr = Stderr.capture(() -> {
            trigger.fire(TERM);
            await(running);
            // Past countDown() and inside await(), so that the stack printed is the one asserted below.
            awaitTrue(() -> actionThread.get().getState() == Thread.State.WAITING, "the action never waited");
            trigger.fire(INT);
        });
        release.countDown();

        assertTrue(terminator.calls.contains("halt 130"), terminator.calls::toString);
        assertTrue(stderr.startsWith("exitguard: second signal INT while exiting; halting now with exit code 130."
                + " Exit actions still running:\n  [hung-flush] running for "), stderr);
        assertTrue(stderr.contains("CountDownLatch.await"), stderr);
    }

    @Test
    void aRepeatWithinTheDuplicateWindowIsTheSameSignal() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Guards.isolated(terminator)
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ofHours(1))
                .action(blocking("hung", 0, running, release))
                .install();

        trigger.fire(INT);
        await(running);
        trigger.fire(INT);
        trigger.fire(TERM);
        release.countDown();

        awaitTrue(() -> terminator.calls.contains("exit 130"), "never exited: " + terminator.calls);
        assertEquals(List.of("exit 130"), terminator.calls);
    }

    @Test
    void withTheSecondSignalPolicyIgnoreTheExitGoesOn() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Guards.isolated(terminator, Map.of("exitguard.secondSignal", "ignore", "exitguard.duplicateSignalWindow", "0ms"))
                .trigger(trigger)
                .action(blocking("hung", 0, running, release))
                .install();

        try (CapturedLog log = new CapturedLog()) {
            trigger.fire(TERM);
            await(running);
            trigger.fire(INT);
            release.countDown();

            assertTrue(log.warnings().contains("signal INT ignored: the exit (SIGNAL TERM (exit code 143)) is running,"
                    + " and exitguard.secondSignal is ignore"), log.warnings()::toString);
        }
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
        assertEquals(List.of("exit 143"), terminator.calls);
    }

    @Test
    void exitFromInsideAnActionReturnsAtOnceAndRunActionsThereIsRefused() {
        AtomicReference<ExitGuard> self = new AtomicReference<>();
        List<String> events = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("calls-exit", 0, c -> {
                    self.get().exit(9);
                    events.add("exit returned");
                }))
                .action(action("calls-runActions", 0, c -> self.get().runActions(TERM)))
                .build();
        self.set(guard);

        guard.exit(3);

        ExitReport report = guard.report().orElseThrow();
        assertEquals(List.of("exit returned"), events);
        assertEquals(Outcome.SUCCEEDED, report.outcome("calls-exit").orElseThrow());
        assertEquals(Outcome.FAILED, report.outcome("calls-runActions").orElseThrow());
        assertTrue(report.action("calls-runActions").orElseThrow().error().orElseThrow()
                .contains("called from inside exit action calls-runActions; it would wait for itself"));
        assertEquals(List.of("exit 3"), terminator.calls);
    }

    /** The first exit's code is the process's: a second exit joins it and never ends the process with its own. */
    @Test
    void aSecondExitJoinsTheFirstWhoseCodeWins() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .action(blocking("slow", 0, running, release))
                .build();
        Thread first = new Thread(() -> guard.exit(1));
        first.start();
        await(running);
        Thread second = new Thread(() -> guard.exit(2));
        second.start();

        second.join(200);
        boolean secondWaited = second.isAlive();
        release.countDown();
        first.join(TimeUnit.SECONDS.toMillis(20));
        second.join(TimeUnit.SECONDS.toMillis(20));

        assertTrue(secondWaited, "the second exit returned while the first still ran");
        assertFalse(second.isAlive(), "the second exit did not return once the first had ended the process");
        assertEquals(List.of("exit 1"), terminator.calls);
        assertEquals(ExitReason.programmatic(1, "ExitGuard.exit(1)"), guard.report().orElseThrow().reason());
    }

    @Test
    void exitOnAnInterruptedThreadStillWaitsForTheActionsAndKeepsTheInterrupt() {
        AtomicInteger runs = new AtomicInteger();
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("slow", 0, c -> {
                    Thread.sleep(50);
                    runs.incrementAndGet();
                }))
                .build();

        Thread.currentThread().interrupt();
        guard.exit(3);
        boolean interrupted = Thread.interrupted();

        assertTrue(interrupted);
        assertEquals(1, runs.get());
        assertEquals(List.of("exit 3"), terminator.calls);
    }

    @Test
    void waitingForAnotherExitOnAnInterruptedThreadKeepsTheInterrupt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .action(blocking("slow", 0, running, release))
                .build();
        Thread first = new Thread(() -> guard.runActions(TERM));
        first.start();
        await(running);
        AtomicReference<String> seen = new AtomicReference<>();
        Thread second = new Thread(() -> {
            Thread.currentThread().interrupt();
            ExitReport report = guard.runActions(INT);
            seen.set(report.reason().detail() + " interrupted=" + Thread.currentThread().isInterrupted());
        });
        second.start();
        second.join(100);

        release.countDown();
        second.join(TimeUnit.SECONDS.toMillis(20));
        first.join(TimeUnit.SECONDS.toMillis(20));

        assertEquals("TERM interrupted=true", seen.get());
    }

    @Test
    void aHaltBySecondSignalStillWritesTheReportAsItStands(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("report.json");
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ZERO)
                .action(blocking("hung", 0, running, release))
                .action(noop("next", 0, "hung"))
                .install();
        try {
            Stderr.capture(() -> {
                trigger.fire(TERM);
                await(running);
                trigger.fire(INT);
            });
            Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(file)));
            List<Object> actions = JsonReader.array(json.get("actions"));

            assertEquals("TIMED_OUT", JsonReader.object(actions.get(0)).get("outcome"));
            assertEquals("the process was halted by a second signal INT", JsonReader.object(actions.get(0)).get("detail"));
            assertEquals("SKIPPED", JsonReader.object(actions.get(1)).get("outcome"));
            assertEquals(List.of("halt 130"), terminator.calls);
        } finally {
            release.countDown();
        }
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
    }
}
