package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.blocking;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.await;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.JsonReader;
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

/** The life of a guard: install, register, exit once, and what it says of itself. */
class ExitGuardTest extends GuardTest {

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
                    .actions(List.of(noop("one", 0), blocking("two", 0, running, release)))
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
    void thePlanIsLoggedAtInstallWhenAskedFor() {
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.plan", "true")).action(noop("a", 0)).install();

            assertEquals(List.of(guard.plan().toText()), log.messagesAt(java.util.logging.Level.INFO));
        }
    }
}
