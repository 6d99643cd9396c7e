package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.core.SchedulingTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitReport.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The life of a guard: install, register, exit once, report, and what repeated requests do. */
class ExitGuardTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);
    private static final ExitReason INT = ExitReason.signal("INT", 2);

    private final RecordingTerminator terminator = new RecordingTerminator();

    @AfterEach
    void uninstall() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    @Test
    void eachActionRunsOnceHoweverOftenTheExitIsRequested() {
        AtomicInteger runs = new AtomicInteger();
        ExitGuard guard = Guards.isolated(terminator).action(action("count", 0, c -> runs.incrementAndGet())).build();

        ExitReport first = guard.runActions(TERM);
        ExitReport second = guard.runActions(INT);

        assertEquals(1, runs.get());
        assertSame(first, second);
        assertEquals(TERM, second.reason());
        assertSame(first, guard.report().orElseThrow());
    }

    @Test
    void exitRunsTheActionsThenEndsTheProcessWithTheStatus() {
        List<String> events = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("work", 0, c -> events.add("action ran, terminator calls: " + terminator.calls)))
                .onReport(report -> events.add("reported " + report.reason()))
                .build();

        guard.exit(4);

        assertEquals(List.of("action ran, terminator calls: []",
                "reported PROGRAMMATIC ExitGuard.exit(4) (exit code 4)"), events);
        assertEquals(List.of("exit 4"), terminator.calls);
    }

    @Test
    void registrationAfterTheExitBeganIsRefusedAndUnregisteringThenRemovesNothing() {
        ExitGuard guard = Guards.isolated(terminator).build();
        AtomicInteger runs = new AtomicInteger();
        ExitRegistration kept = guard.register(action("kept", 0, c -> runs.incrementAndGet()));
        ExitRegistration dropped = guard.register(action("dropped", 0, c -> runs.addAndGet(100)));
        assertTrue(dropped.unregister());
        assertFalse(dropped.unregister());

        guard.runActions(TERM);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> guard.register(noop("late", 0)));
        assertEquals("cannot register exit action [late]: the exit has already begun (SIGNAL TERM (exit code 143));"
                + " only actions registered before it run", refused.getMessage());
        assertFalse(kept.unregister());
        assertEquals(1, runs.get());
        assertEquals(List.of("kept"), guard.report().orElseThrow().actions().stream()
                .map(ExitReport.ActionReport::name).toList());
    }

    @Test
    void aTriggeredExitRunsTheActionsThenTellsTheTriggersThenExitsWithTheSignalsCode() {
        FakeTrigger trigger = new FakeTrigger("fake");
        List<String> order = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .action(action("work", 0, c -> order.add("action, trigger calls " + trigger.calls)))
                .install();
        assertEquals(List.of("arm"), trigger.calls);

        trigger.fire(TERM);

        awaitTrue(() -> terminator.calls.contains("exit 143"), "the process was never exited: " + terminator.calls);
        assertEquals(List.of("action, trigger calls [arm]"), order);
        assertEquals(List.of("arm", "actionsFinished TERM"), trigger.calls);
        assertTrue(guard.isExiting());
        assertEquals(Outcome.SUCCEEDED, guard.report().orElseThrow().outcome("work").orElseThrow());
    }

    @Test
    void installIsIdempotentAndASecondBuilderInstallIsRefused() {
        ExitGuard guard = Guards.isolated(terminator).install();

        assertSame(guard, ExitGuard.install());
        assertSame(guard, ExitGuard.installed().orElseThrow());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Guards.isolated(terminator).install());
        assertTrue(e.getMessage().startsWith("an ExitGuard is already installed in this JVM"), e.getMessage());

        guard.uninstall();
        assertTrue(ExitGuard.installed().isEmpty());
    }

    @Test
    void uninstallDisarmsTheTriggers() {
        FakeTrigger trigger = new FakeTrigger("fake");
        ExitGuard guard = Guards.isolated(terminator).trigger(trigger).install();

        guard.uninstall();

        assertEquals(List.of("arm", "disarm"), trigger.calls);
    }

    @Test
    void aTriggerThatCannotBeArmedFailsTheInstallAndTheOthersAreDisarmed() {
        FakeTrigger good = new FakeTrigger("good");
        ExitTrigger bad = new ExitTrigger() {
            @Override
            public void arm(dev.exitguard.api.ExitRequests requests) {
                throw new IllegalArgumentException("exitguard.signals: QUIT is the JVM's thread dump");
            }

            @Override
            public void disarm() {
            }

            @Override
            public String name() {
                return "bad";
            }
        };

        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(terminator).trigger(good).trigger(bad).install());

        assertEquals(List.of("exit trigger bad could not be armed: exitguard.signals: QUIT is the JVM's thread dump"),
                e.problems());
        assertEquals(List.of("arm", "disarm"), good.calls);
        assertTrue(ExitGuard.installed().isEmpty());
    }

    @Test
    void aSecondSignalWhileExitingHaltsWithItsCodeNamingWhatStillRuns() throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Guards.isolated(terminator)
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ZERO)
                .action(action("hung-flush", 0, c -> {
                    running.countDown();
                    release.await();
                }))
                .install();
        String stderr = captureStderr(() -> {
            trigger.fire(TERM);
            await(running);
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
                .action(action("hung", 0, c -> {
                    running.countDown();
                    release.await();
                }))
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
                .action(action("hung", 0, c -> {
                    running.countDown();
                    release.await();
                }))
                .install();

        trigger.fire(TERM);
        await(running);
        trigger.fire(INT);
        release.countDown();

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

    @Test
    void aSecondExitWaitsForTheFirstThenExitsAsTheJvmWould() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("slow", 0, c -> {
                    running.countDown();
                    release.await();
                }))
                .build();
        Thread first = new Thread(() -> guard.exit(1));
        first.start();
        await(running);
        Thread second = new Thread(() -> guard.exit(2));
        second.start();

        release.countDown();
        first.join(TimeUnit.SECONDS.toMillis(20));
        second.join(TimeUnit.SECONDS.toMillis(20));

        assertEquals(List.of("exit 1", "exit 2"), terminator.calls.stream().sorted().toList());
        assertEquals(ExitReason.programmatic(1, "ExitGuard.exit(1)"), guard.report().orElseThrow().reason());
    }

    @Test
    void theReportIsWrittenAsJsonAndAFailingListenerDoesNotStopTheOthers(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("report.json");
        List<ExitReport> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                .action(noop("ok", 0))
                .onReport(report -> {
                    throw new IllegalStateException("listener broke");
                })
                .onReport(seen::add)
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of(report), seen);
        Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(file)));
        assertEquals(Map.of("kind", "SIGNAL", "detail", "TERM", "exitCode", 143.0), json.get("reason"));
        assertEquals("ok", JsonReader.object(JsonReader.array(json.get("actions")).get(0)).get("name"));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aReportFileInAMissingFolderIsAWarningAndTheExitStillCompletes(@TempDir Path folder) {
        Path file = folder.resolve("missing").resolve("report.json");
        ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                .action(noop("ok", 0))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertTrue(report.allSucceeded());
        assertFalse(Files.exists(file));
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting");
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static String captureStderr(Body body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
