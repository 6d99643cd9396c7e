package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.await;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitTrigger;
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
import java.util.function.Consumer;
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
        List<String> badCalls = new CopyOnWriteArrayList<>();
        ExitTrigger bad = new ExitTrigger() {
            @Override
            public void arm(dev.exitguard.api.ExitRequests requests) {
                badCalls.add("arm");
                throw new IllegalArgumentException("exitguard.signals: QUIT is the JVM's thread dump");
            }

            @Override
            public void disarm() {
                badCalls.add("disarm");
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
        assertEquals(List.of("arm"), badCalls, "what was never armed is not disarmed");
        assertTrue(ExitGuard.installed().isEmpty());
    }

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
    void theReportIsWrittenAsJsonAndAFailingListenerDoesNotStopTheOthers(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("report.json");
        @SuppressWarnings("unchecked")
        Consumer<ExitReport> listener = mock(Consumer.class);
        ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                .action(noop("ok", 0))
                .onReport(report -> {
                    throw new IllegalStateException("listener broke");
                })
                .onReport(listener)
                .build();

        ExitReport report;
        try (CapturedLog log = new CapturedLog()) {
            report = guard.runActions(TERM);

            assertEquals(1, log.warnings().size(), log.warnings()::toString);
            assertTrue(log.warnings().get(0).startsWith("an exit report listener failed:"
                    + " java.lang.IllegalStateException: listener broke (at dev.exitguard.core.ExitGuardTest.lambda$"),
                    log.warnings()::toString);
        }

        verify(listener).accept(report);
        verifyNoMoreInteractions(listener);
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
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                    .action(noop("ok", 0))
                    .build();
            assertEquals(List.of("exitguard.report: the folder " + file.getParent() + " of the report file does not"
                    + " exist; the report will not be written unless it is created before the exit"), log.warnings());

            ExitReport report = guard.runActions(TERM);

            assertTrue(report.allSucceeded());
            assertFalse(Files.exists(file));
            assertEquals(2, log.warnings().size(), log.warnings()::toString);
            assertTrue(log.warnings().get(1).startsWith("exitguard.report: could not write the exit report to " + file
                    + ": java.nio.file.NoSuchFileException: "), log.warnings()::toString);
        }
    }

    @Test
    void whatTheGuardSaysOfItselfBeforeAndAfterTheExit() {
        ExitGuard guard = Guards.isolated(terminator)
                .deadline(Duration.ofSeconds(20))
                .action(noop("a", 0))
                .action(noop("b", 0))
                .build();

        assertFalse(guard.isExiting());
        assertTrue(guard.report().isEmpty());
        assertEquals(Duration.ofSeconds(20), guard.deadline());
        assertEquals("ExitGuard[2 actions, deadline 20s]", guard.toString());

        guard.runActions(TERM);

        assertTrue(guard.isExiting());
        assertEquals("ExitGuard[2 actions, deadline 20s, exiting: SIGNAL TERM (exit code 143)]", guard.toString());
        assertEquals("ExitRegistration[[c]]", Guards.isolated(terminator).build().register(noop("c", 0)).toString());
    }

    /**
     * The exit must outlive a main thread that returns meanwhile, so its thread is no daemon, even
     * when the exit is asked for from a daemon thread (whose threads are daemons unless told not).
     */
    @Test
    void exitRunsOnAThreadOfItsOwnThatIsNoDaemon() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .onReport(report -> seen.add(Thread.currentThread().getName() + " daemon="
                        + Thread.currentThread().isDaemon()))
                .build();
        Thread daemon = new Thread(() -> guard.exit(0), "a-daemon");
        daemon.setDaemon(true);

        daemon.start();
        daemon.join(TimeUnit.SECONDS.toMillis(20));

        assertEquals(List.of("exitguard-exit daemon=false"), seen);
    }

    @Test
    void everyBuilderSettingTakesEffect(@TempDir Path folder) throws Exception {
        FakeTrigger trigger = new FakeTrigger("fake");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator)
                    .actions(List.of(noop("one", 0), action("two", 0, c -> {
                        running.countDown();
                        release.await();
                    })))
                    .trigger(trigger)
                    .haltOnSecondSignal(false)
                    .duplicateSignalWindow(Duration.ZERO)
                    .logPlan(true)
                    .reportFile(folder.resolve("report.json"))
                    .install();

            assertEquals(List.of("one", "two"), guard.actionNames().stream().sorted().toList());
            assertEquals(List.of(guard.plan().toText()), log.messagesAt(java.util.logging.Level.INFO));
            trigger.fire(TERM);
            await(running);
            trigger.fire(INT);
            release.countDown();
        }
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
        assertEquals(List.of("exit 143"), terminator.calls, "the second signal was ignored, as the builder said");
        Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(folder.resolve("report.json"))));
        assertEquals(List.of("one", "two"), JsonReader.array(json.get("actions")).stream()
                .map(action -> JsonReader.object(action).get("name")).sorted().toList());
    }

    @Test
    void theRealTerminatorIsOneAndSaysWhatItIs() {
        assertSame(ProcessTerminator.jvm(), ProcessTerminator.jvm());
        assertEquals("ProcessTerminator.jvm()", ProcessTerminator.jvm().toString());
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
                .action(action("slow", 0, c -> {
                    running.countDown();
                    release.await();
                }))
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
    void installAddsOneJvmShutdownHookAndUninstallRemovesIt() {
        ExitGuard guard = Guards.isolated(terminator).install();
        Thread hook = Guards.shutdownHook(guard);

        assertEquals("exitguard-shutdown-hook", hook.getName());
        assertTrue(Runtime.getRuntime().removeShutdownHook(hook), "the hook was not added");
        Runtime.getRuntime().addShutdownHook(hook);
        guard.uninstall();
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "the hook was not removed");
    }

    @Test
    void aTriggerThatFailsToDisarmOrAfterTheActionsIsAWarningAndTheExitGoesOn() {
        AtomicReference<dev.exitguard.api.ExitRequests> armedWith = new AtomicReference<>();
        ExitTrigger clumsy = new ExitTrigger() {
            @Override
            public void arm(dev.exitguard.api.ExitRequests requests) {
                armedWith.set(requests);
            }

            @Override
            public void disarm() {
                throw new IllegalStateException("already closed");
            }

            @Override
            public void actionsFinished(ExitReason reason) {
                throw new IllegalStateException("no previous handler");
            }

            @Override
            public String name() {
                return "clumsy";
            }
        };
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator).trigger(clumsy).install();
            armedWith.get().requestExit(TERM);
            awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
            guard.uninstall();

            assertEquals(List.of(
                    "exit trigger clumsy failed after the actions: java.lang.IllegalStateException: no previous handler",
                    "exit trigger clumsy failed to disarm: java.lang.IllegalStateException: already closed"),
                    log.warnings());
            assertTrue(ExitGuard.installed().isEmpty());
        }
    }

    /**
     * A trigger may fire while it is being armed (a signal that arrives during the install, a
     * stop file already there). It fires here and holds its arm() until the process has been
     * ended: the exit must still tell it that the actions are over, so it can hand over to what it
     * displaced.
     */
    @Test
    void aTriggerThatFiresWhileBeingArmedIsToldWhenTheActionsAreOver() {
        List<String> calls = new CopyOnWriteArrayList<>();
        ExitTrigger eager = new ExitTrigger() {
            @Override
            public void arm(dev.exitguard.api.ExitRequests requests) {
                requests.requestExit(TERM);
                awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
            }

            @Override
            public void disarm() {
            }

            @Override
            public void actionsFinished(ExitReason reason) {
                calls.add("actionsFinished " + reason.detail() + ", terminator calls " + terminator.calls);
            }
        };

        Guards.isolated(terminator).trigger(eager).action(noop("work", 0)).install();

        assertEquals(List.of("actionsFinished TERM, terminator calls []"), calls);
    }

    @Test
    void whatIsWorthFixingIsLoggedAsAWarningWhereItHappens() {
        try (CapturedLog log = new CapturedLog()) {
            AtomicReference<ExitGuard> self = new AtomicReference<>();
            ExitGuard guard = Guards.isolated(terminator)
                    .action(noop("waits", 0, "optional"))
                    .action(action("calls-exit", 0, c -> self.get().exit(9)))
                    .build();
            self.set(guard);
            guard.register(noop("late", 0, "also-optional"));

            guard.exit(3);

            assertEquals(List.of(
                    "exit action [waits] is after [optional], which is not registered; that ordering is ignored until it is",
                    "exit action [late] is after [also-optional], which is not registered; that ordering is ignored"
                            + " until it is",
                    "ExitGuard.exit(9) called from exit action calls-exit: the exit (PROGRAMMATIC ExitGuard.exit(3)"
                            + " (exit code 3)) is already running, and the process exits when it is over"),
                    log.warnings());
        }
    }

    @Test
    void aLoggingBackendThatFailsCostsNeitherTheReportNorTheExit() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.exitguard");
        java.util.logging.Handler broken = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                throw new IllegalStateException("logging is closed");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = jul.getUseParentHandlers();
        jul.addHandler(broken);
        jul.setUseParentHandlers(false);
        String stderr;
        try {
            ExitGuard guard = Guards.isolated(terminator).action(noop("ok", 0)).build();
            stderr = Stderr.capture(() -> guard.exit(0));
        } finally {
            jul.removeHandler(broken);
            jul.setUseParentHandlers(parents);
        }

        assertTrue(stderr.startsWith("exitguard: could not log the exit report (java.lang.IllegalStateException:"
                + " logging is closed):\nexit (PROGRAMMATIC ExitGuard.exit(0) (exit code 0)) took "), stderr);
        assertEquals(List.of("exit 0"), terminator.calls);
    }

    @Test
    void thePlanIsLoggedAtInstallWhenAskedFor() {
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.plan", "true")).action(noop("a", 0)).install();

            assertEquals(List.of(guard.plan().toText()), log.messagesAt(java.util.logging.Level.INFO));
        }
    }

    @Test
    void twoTriggersOfOneNameAreRefused() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(terminator).trigger(new FakeTrigger("same")).trigger(new FakeTrigger("same")).build());

        assertEquals(List.of("two exit triggers named [same] were added; names must be unique"), e.problems());
    }

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
        assertTrue(text.contains("ExitGuardTest.lambda$theWatchdogHaltsAnExitStuckPastItsDeadline"), text);
        awaitTrue(() -> terminator.calls.contains("exit 143"), "never exited: " + terminator.calls);
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
                .action(action("hung", 0, c -> {
                    running.countDown();
                    release.await();
                }))
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
