package dev.exitguard.guice;

import static dev.exitguard.testkit.Bounds.PATIENCE;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitRegistration;
import dev.exitguard.core.ExitReport;
import dev.exitguard.core.ExitReport.ActionReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The exit may begin between any two steps of registering closers; whichever it is, each singleton
 * is closed once, newest first. The guard here is real; a scripted registrar begins the exit just
 * before a chosen step, and a gate action in DEFAULT holds the exit before RELEASE until the test
 * lets it go, so that every interleaving is reached on purpose rather than by luck.
 */
class SingletonClosingRaceTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final List<String> closes = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final ExitGuard guard = ExitGuard.builder()
            .discoverActions(false)
            .discoverTriggers(false)
            .action(ExitActions.named("gate").run(context -> gate.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)))
            .build();
    private final SingletonClosing closing = new SingletonClosing();
    private final Scripted registrar = new Scripted();
    private final AtomicReference<ExitReport> report = new AtomicReference<>();
    private Thread exit;

    @AfterEach
    void letTheExitEnd() throws InterruptedException {
        gate.countDown();
        if (exit != null) {
            exit.join(PATIENCE.toMillis());
        }
    }

    private void create(String label) {
        closing.created(() -> closes.add(label), label, "test source of " + label);
    }

    /** Begins the exit on another thread; returns once it has begun. */
    private void beginExit() {
        exit = new Thread(() -> report.set(guard.runActions(TERM)), "test-exit");
        exit.start();
        awaitTrue(guard::isExiting, "the exit did not begin");
    }

    /** Lets the exit reach RELEASE and waits for its report. */
    private ExitReport finishExit() throws InterruptedException {
        gate.countDown();
        exit.join(PATIENCE.toMillis());
        assertFalse(exit.isAlive(), "the exit did not finish");
        assertNotNull(report.get());
        return report.get();
    }

    private static List<String> names(ExitReport report) {
        return report.actions().stream().map(ActionReport::name).toList();
    }

    /** Registers with the guard, running a hook first where the test asked for one. */
    private final class Scripted implements SingletonClosing.Registrar {
        final List<String> steps = new CopyOnWriteArrayList<>();
        final Map<String, Runnable> before = new HashMap<>();

        private void step(String step) {
            steps.add(step);
            Runnable hook = before.remove(step);
            if (hook != null) {
                hook.run();
            }
        }

        @Override
        public ExitRegistration register(ExitAction action, String source) {
            step("register " + action.name() + (action.after().isEmpty() ? "" : " after " + action.after()));
            ExitRegistration registration = guard.register(action, source);
            return new ExitRegistration() {
                @Override
                public String name() {
                    return registration.name();
                }

                @Override
                public boolean unregister() {
                    step("unregister " + registration.name());
                    return registration.unregister();
                }

                @Override
                public void close() {
                    unregister();
                }
            };
        }

        @Override
        public Collection<String> names() {
            return guard.actionNames();
        }
    }

    @Test
    void singletonsCreatedBeforeTheGuardAreRegisteredNewestFirstAsAChain() throws Exception {
        create("a");
        create("b");
        create("c");
        closing.attach(registrar);

        assertEquals(List.of("register close c", "register close b after [close c]", "register close a after [close b]"),
                registrar.steps);
        beginExit();
        ExitReport report = finishExit();
        assertEquals(List.of("c", "b", "a"), closes);
        assertEquals(List.of("gate", "close c", "close b", "close a"), names(report));
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void aNewSingletonReRegistersThePreviousNewestWithAnEdgeToIt() throws Exception {
        closing.attach(registrar);
        create("a");
        create("b");
        create("c");

        assertEquals(List.of("register close a",
                "register close b", "unregister close a", "register close a after [close b]",
                "register close c", "unregister close b", "register close b after [close c]"), registrar.steps);
        beginExit();
        ExitReport report = finishExit();
        assertEquals(List.of("c", "b", "a"), closes);
        assertEquals(List.of("gate", "close c", "close b", "close a"), names(report));
    }

    @Test
    void exitBeginsBeforeTheNewClosersRegistration() throws Exception {
        closing.attach(registrar);
        create("a");
        create("b");
        registrar.before.put("register close c", this::beginExit);
        create("c");

        ExitReport report = finishExit();
        // c's closer was refused; b's closer closes it first.
        assertEquals(List.of("gate", "close b", "close a"), names(report));
        assertEquals(List.of("c", "b", "a"), closes);
    }

    @RepeatedTest(10)
    void exitBeginsBetweenTheNewRegistrationAndTheUnregistrationOfThePrevious() throws Exception {
        closing.attach(registrar);
        create("a");
        create("b");
        registrar.before.put("unregister close b", this::beginExit);
        create("c");

        ExitReport report = finishExit();
        // b's closer stays registered without its edge to c; it closes c first, or waits for it.
        assertEquals(List.of("c", "b", "a"), closes);
        assertTrue(names(report).containsAll(List.of("close c", "close b", "close a")), report::toTable);
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @RepeatedTest(10)
    void exitBeginsBetweenTheUnregistrationAndTheNewRegistrationOfThePrevious() throws Exception {
        closing.attach(registrar);
        create("a");
        create("b");
        registrar.before.put("register close b after [close c]", this::beginExit);
        create("c");

        ExitReport report = finishExit();
        // b's closer is in neither place: c's closer closes it after c, or a's closer before a.
        assertEquals(List.of("c", "b", "a"), closes);
        assertFalse(names(report).contains("close b"), report::toTable);
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void theOldestSingletonDroppedFromTheExitIsClosedByTheNewerCloser() throws Exception {
        closing.attach(registrar);
        create("b");
        registrar.before.put("register close b after [close c]", this::beginExit);
        create("c");

        ExitReport report = finishExit();
        assertEquals(List.of("gate", "close c"), names(report));
        assertEquals(List.of("c", "b"), closes);
    }

    @Test
    void exitBeginsWhileTheGuardIsAttached() throws Exception {
        create("a");
        create("b");
        create("c");
        registrar.before.put("register close b after [close c]", this::beginExit);
        closing.attach(registrar);

        ExitReport report = finishExit();
        // Only c's closer made it; it closes b and a after c.
        assertEquals(List.of("gate", "close c"), names(report));
        assertEquals(List.of("c", "b", "a"), closes);
    }

    @Test
    void exitBeginsBeforeAnyCloserIsRegisteredAndTheSingletonsAreLeftOpen() throws Exception {
        create("a");
        create("b");
        registrar.before.put("register close b", this::beginExit);
        closing.attach(registrar);

        ExitReport report = finishExit();
        assertEquals(List.of("gate"), names(report));
        assertEquals(List.of(), closes);
    }

    @RepeatedTest(30)
    void singletonsCreatedWhileTheExitBeginsAtAnyMomentCloseOnceEachNewestFirst() throws Exception {
        closing.attach(registrar);
        create("s0");
        int count = 25;
        int beginAfter = ThreadLocalRandom.current().nextInt(count);
        CountDownLatch go = new CountDownLatch(1);
        Thread creator = new Thread(() -> {
            for (int i = 1; i <= count; i++) {
                if (i == beginAfter) {
                    go.countDown();
                }
                create("s" + i);
            }
            go.countDown();
        }, "test-creator");
        creator.start();
        go.await();
        beginExit();
        creator.join(PATIENCE.toMillis());
        assertFalse(creator.isAlive());

        ExitReport report = finishExit();
        List<String> expected = new ArrayList<>();
        for (int i = count; i >= 0; i--) {
            expected.add("s" + i);
        }
        // The gate holds RELEASE until every singleton exists, so every one of them is closed.
        assertEquals(expected, closes, () -> "steps " + registrar.steps + "\n" + report.toTable());
        assertTrue(report.allSucceeded(), report::toTable);
    }
}
