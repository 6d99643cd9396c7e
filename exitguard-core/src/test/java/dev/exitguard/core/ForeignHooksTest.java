package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.testkit.Bounds.PATIENCE;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JVM's other shutdown hooks inside an installed guard's exit, with a stand-in of the JDK's
 * registry ({@link FakeShutdownHooks}); the JDK's own is proven in child JVMs, in exitguard-tests.
 */
class ForeignHooksTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final RecordingTerminator terminator = new RecordingTerminator();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** What hung hooks wait for: released after each test, so that none outlives it. */
    private final CountDownLatch never = new CountDownLatch(1);

    @BeforeEach
    void freshRegistry() {
        FakeShutdownHooks.reset();
    }

    @AfterEach
    void uninstall() throws InterruptedException {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
        never.countDown();
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private Thread hook(String name, Runnable body) {
        Thread hook = new Thread(body, name);
        hook.setDaemon(true);
        threads.add(hook);
        return hook;
    }

    private Thread recording(String name) {
        return hook(name, () -> events.add("ran " + name));
    }

    private ExitGuard adopting(ExitGuard.Builder builder) {
        ExitGuard guard = builder.install();
        assertTrue(ForeignHooks.adopt(guard, FakeShutdownHooks.table()));
        return guard;
    }

    private static ActionReport row(ExitReport report, String name) {
        return report.action(name).orElseThrow(() -> new AssertionError("no row " + name + ": " + report.toTable()));
    }

    @Test
    void hooksRegisteredBeforeAndAfterInstallRunInTheLastPhaseAfterTelemetryOneRowEach() {
        FakeShutdownHooks.add(recording("before"));
        ExitGuard guard = adopting(Guards.isolated(terminator)
                .action(action("telemetry", ExitPhase.TELEMETRY, c -> events.add("telemetry"))));
        FakeShutdownHooks.add(recording("after"));

        ExitReport report = guard.runActions(TERM);

        assertEquals("telemetry", events.get(0), events.toString());
        assertEquals(List.of("ran after", "ran before"), events.subList(1, 3).stream().sorted().toList());
        assertEquals(3, events.size(), events.toString());
        List<String> rows = report.actions().stream().map(ActionReport::name).toList();
        assertEquals(List.of("telemetry", "shutdown hook before", "shutdown hook after"), rows);
        for (String name : List.of("shutdown hook before", "shutdown hook after")) {
            assertEquals(Outcome.SUCCEEDED, row(report, name).outcome());
            assertEquals(ExitPhase.SHUTDOWN_HOOKS, row(report, name).phase());
            assertEquals("SHUTDOWN_HOOKS", row(report, name).phaseName());
        }
        // The JVM's own shutdown then starts nothing of them.
        assertEquals(List.of(), FakeShutdownHooks.runHooks());
    }

    @Test
    void theHooksStartAllAtOnceAsTheJvmStartsThem() {
        CyclicBarrier both = new CyclicBarrier(2);
        Runnable meet = () -> {
            try {
                both.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                events.add("met");
            } catch (Exception e) {
                events.add("alone: " + e);
            }
        };
        ExitGuard guard = adopting(Guards.isolated(terminator));
        FakeShutdownHooks.add(hook("one", meet));
        FakeShutdownHooks.add(hook("two", meet));

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("met", "met"), events);
        assertEquals(2, report.count(Outcome.SUCCEEDED), report.toTable());
    }

    @Test
    void aHookThatIgnoresItsInterruptIsAbandonedAtTheDeadlineWithItsStackAndTheOthersStillRun() {
        FakeShutdownHooks.add(hook("hung", () -> awaitIgnoringInterrupts(never)));
        ExitGuard guard = adopting(Guards.isolated(terminator).deadline(Duration.ofMillis(500)));
        FakeShutdownHooks.add(recording("fine"));

        ExitReport report = assertTimeoutPreemptively(PATIENCE, () -> guard.runActions(TERM));

        ActionReport hung = row(report, "shutdown hook hung");
        assertEquals(Outcome.TIMED_OUT, hung.outcome());
        assertEquals("still running at the exit deadline (500ms); interrupted and abandoned", hung.detail());
        assertTrue(hung.stack().orElseThrow().contains("ForeignHooksTest.awaitIgnoringInterrupts"), hung.stack().get());
        awaitEvent("interrupted, and ignoring it");
        assertEquals(Outcome.SUCCEEDED, row(report, "shutdown hook fine").outcome());
        assertEquals(1, events.stream().filter("ran fine"::equals).count());
    }

    @Test
    void aBudgetOfTheShutdownHooksPhaseBoundsTheHooksAndWarnsOfNoMissingAction() {
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = adopting(Guards.isolated(terminator,
                    Map.of("exitguard.phaseTimeout.SHUTDOWN_HOOKS", "300ms")));
            FakeShutdownHooks.add(hook("hung", () -> awaitIgnoringInterrupts(never)));

            ExitReport report = assertTimeoutPreemptively(PATIENCE, () -> guard.runActions(TERM));

            ActionReport hung = row(report, "shutdown hook hung");
            assertEquals(Outcome.TIMED_OUT, hung.outcome());
            assertEquals("still running when the budget of phase SHUTDOWN_HOOKS (300ms) ran out; interrupted and"
                    + " abandoned", hung.detail());
            // The hooks are that phase's actions: its budget is no typo for a phase without any.
            assertTrue(log.warnings().stream().noneMatch(w -> w.contains("but no action")), log.warnings().toString());
        }
    }

    @Test
    void theActionTimeoutBoundsAHookAndInterruptsIt() {
        ExitGuard guard = adopting(Guards.isolated(terminator, Map.of("exitguard.actionTimeout", "200ms")));
        FakeShutdownHooks.add(hook("sleeper", () -> {
            try {
                Thread.sleep(PATIENCE.toMillis());
            } catch (InterruptedException e) {
                events.add("interrupted");
            }
        }));

        ExitReport report = guard.runActions(TERM);

        ActionReport sleeper = row(report, "shutdown hook sleeper");
        assertEquals(Outcome.TIMED_OUT, sleeper.outcome());
        assertEquals("ran past its timeout of 200ms and was interrupted", sleeper.detail());
        assertTrue(sleeper.stack().orElseThrow().contains("java.lang.Thread.sleep"), sleeper.stack().get());
        awaitEvent("interrupted");
    }

    @Test
    void aHookThatThrowsFailsItsRowAndItsThreadsOwnHandlerStillSeesTheException() {
        ExitGuard guard = adopting(Guards.isolated(terminator));
        Thread thrower = hook("thrower", () -> {
            throw new IllegalStateException("the hook broke");
        });
        thrower.setUncaughtExceptionHandler((thread, e) -> events.add("own handler: " + e.getMessage()));
        FakeShutdownHooks.add(thrower);

        ExitReport report = guard.runActions(TERM);

        ActionReport row = row(report, "shutdown hook thrower");
        assertEquals(Outcome.FAILED, row.outcome());
        assertEquals("java.lang.IllegalStateException: the hook broke", row.error().orElseThrow());
        assertEquals(List.of("own handler: the hook broke"), events);
    }

    @Test
    void hooksWithOneThreadNameAreToldApartByANumber() {
        ExitGuard guard = adopting(Guards.isolated(terminator));
        FakeShutdownHooks.add(recording("pool-1-thread-1"));
        FakeShutdownHooks.add(recording("pool-1-thread-1"));

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("shutdown hook pool-1-thread-1", "shutdown hook pool-1-thread-1 (2)"),
                report.actions().stream().map(ActionReport::name).toList());
        assertEquals(2, events.size());
    }

    @Test
    void aHookStartedByItsOwnerMeanwhileIsWaitedForAsTheJvmDoes() throws Exception {
        ExitGuard guard = adopting(Guards.isolated(terminator));
        CountDownLatch go = new CountDownLatch(1);
        Thread early = hook("early", () -> {
            awaitIgnoringInterrupts(go);
            events.add("early done");
        });
        FakeShutdownHooks.add(early);
        early.start();

        Thread release = new Thread(() -> {
            sleepQuietly(200);
            go.countDown();
        });
        release.start();
        ExitReport report = guard.runActions(TERM);

        assertEquals(Outcome.SUCCEEDED, row(report, "shutdown hook early").outcome());
        assertEquals(List.of("early done"), events);
        assertTrue(row(report, "shutdown hook early").duration().toMillis() >= 100, report.toTable());
    }

    @Test
    void onceTheExitHasTakenTheHooksANewOneIsRefusedAsDuringTheJvmsShutdown() {
        ExitGuard guard = adopting(Guards.isolated(terminator));
        Thread taken = recording("taken");
        FakeShutdownHooks.add(taken);
        guard.runActions(TERM);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> FakeShutdownHooks.add(recording("late")));
        assertEquals("Shutdown in progress: exitguard's exit (" + TERM + ") has already started the JVM's other"
                + " shutdown hooks", refused.getMessage());
        assertFalse(FakeShutdownHooks.remove(taken));
    }

    @Test
    void theExitThatBeginsInTheJvmRunsTheHooksTooFromExitguardsOwnHook() throws Exception {
        ExitGuard guard = adopting(Guards.isolated(terminator));
        FakeShutdownHooks.add(recording("foreign"));

        // What the JVM does on System.exit: it starts exitguard's hook, which runs the exit.
        Thread hook = Guards.shutdownHook(guard);
        hook.start();
        hook.join(PATIENCE.toMillis());

        ExitReport report = guard.report().orElseThrow();
        assertEquals(ExitReason.Kind.JVM_SHUTDOWN, report.reason().kind());
        assertEquals(Outcome.SUCCEEDED, row(report, "shutdown hook foreign").outcome());
        assertEquals(List.of("ran foreign"), events);
    }

    @Test
    void uninstallGivesEveryHookNotYetStartedBackToTheJvm() {
        ExitGuard guard = adopting(Guards.isolated(terminator));
        FakeShutdownHooks.add(recording("adopted"));

        guard.uninstall();
        FakeShutdownHooks.add(recording("later"));
        ExitReport report = guard.runActions(TERM);
        List<Thread> started = FakeShutdownHooks.runHooks();

        assertEquals(List.of(), report.actions());
        assertEquals(List.of("adopted", "later"), started.stream().map(Thread::getName).sorted().toList());
        assertFalse(ForeignHooks.adoptedBy(guard));
    }

    @Test
    void onlyTheGuardThatAdoptedTheHooksRunsThem() {
        adopting(Guards.isolated(terminator));
        FakeShutdownHooks.add(recording("foreign"));

        ExitReport other = Guards.isolated(terminator).build().runActions(TERM);

        assertEquals(List.of(), other.actions());
        assertEquals(List.of(), events);
    }

    @Test
    void theLoggingHooksBackendStartsWhatTheExitDidNotTakeAndNamesAHookStillRunningWithItsStack() {
        adopting(Guards.isolated(terminator));
        FakeShutdownHooks.add(recording("quick"));
        FakeShutdownHooks.add(hook("stuck", () -> awaitIgnoringInterrupts(never)));

        IllegalStateException late = assertThrows(IllegalStateException.class,
                () -> LoggingHooks.BACKEND.stop(Duration.ofMillis(300)));

        assertEquals(List.of("ran quick"), events);
        assertTrue(late.getMessage().startsWith(
                "adopted shutdown hooks still running when their time ran out:\n  stuck, at:"), late.getMessage());
        assertTrue(late.getMessage().contains("ForeignHooksTest.awaitIgnoringInterrupts"), late.getMessage());
    }

    @Test
    void withoutJavaLangOpenedAdoptingIsOneWarningNamingHowToOpenIt() {
        try (CapturedLog log = new CapturedLog()) {
            Guards.isolated(terminator, Map.of("exitguard.foreignHooks", "adopt")).install();

            assertEquals(List.of("exitguard.foreignHooks=adopt: the JVM's other shutdown hooks are left to the JVM,"
                    + " which starts them all at once, unbounded and unreported, because java.base does not open"
                    + " java.lang to the class path (the unnamed module). To adopt them, start the JVM with"
                    + " -javaagent:exitguard-agent.jar, or with --add-opens java.base/java.lang=ALL-UNNAMED"),
                    log.warnings());
        }
        assertFalse(ForeignHooks.adoptedBy(ExitGuard.installed().orElseThrow()));
    }

    @Test
    void leaveAdoptsNothingAndSaysNothing() {
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.foreignHooks", "LEAVE"))
                    .adoptForeignHooks(true).install();

            assertEquals(List.of(), log.warnings());
            assertFalse(ForeignHooks.adoptedBy(guard));
        }
    }

    @Test
    void aBadValueFailsTheInstallNamingTheProperty() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(terminator, Map.of("exitguard.foreignHooks", "banana")).install());

        assertTrue(e.getMessage().contains("exitguard.foreignHooks: [banana] is neither leave nor adopt"),
                e.getMessage());
        assertTrue(ExitGuard.installed().isEmpty());
    }

    private void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                events.add("interrupted, and ignoring it");
            }
        }
    }

    private void awaitEvent(String event) {
        awaitTrue(() -> events.contains(event), () -> "never saw " + event + ": " + events);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
