package dev.exitguard.core;

import static dev.exitguard.core.Actions.noop;
import static dev.exitguard.testkit.Bounds.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Triggers during install: a request that comes while the guard is still arming. */
class TriggerArmingTest {

    @Test
    void aTriggerThatFiresWhileItIsArmedIsToldWhenTheActionsHaveFinished() {
        RecordingTerminator terminator = new RecordingTerminator();
        List<String> told = new CopyOnWriteArrayList<>();
        ExitTrigger firing = new ExitTrigger() {
            @Override
            public void arm(ExitRequests requests) throws InterruptedException {
                requests.requestExit(ExitReason.signal("TERM", 15));
                // Still arming when the exit is over, as when a signal comes during a slow install.
                long end = System.nanoTime() + PATIENCE.toNanos();
                while (terminator.calls.isEmpty() && System.nanoTime() - end < 0) {
                    Thread.sleep(5);
                }
            }

            @Override
            public void disarm() {
            }

            @Override
            public void actionsFinished(ExitReason reason) {
                told.add(reason.detail());
            }
        };
        ExitGuard guard = Guards.isolated(terminator).action(noop("a", 0)).trigger(firing).install();
        try {
            assertEquals(List.of("exit 143"), terminator.calls);
            assertEquals(List.of("TERM"), told);
            assertTrue(guard.report().orElseThrow().allSucceeded());
        } finally {
            guard.uninstall();
        }
    }
}
