package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitReport.Outcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A guard's triggers: an exit they start, and triggers that fail to arm, to disarm, or after the actions. */
class ExitTriggersTest extends GuardTest {

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
    void twoTriggersOfOneNameAreRefused() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(terminator).trigger(new FakeTrigger("same")).trigger(new FakeTrigger("same")).build());

        assertEquals(List.of("two exit triggers named [same] were added; names must be unique"), e.problems());
    }
}
