package dev.exitguard.tests;

import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.tests.apps.SignalApp;
import java.util.List;

/** What the three recording actions of {@link SignalApp} must show after an exit: each ran once, phase by phase. */
final class SignalAppActions {

    /** Their events: DRAIN, DEFAULT, RELEASE. */
    static final List<String> EVENTS = List.of("start drain", "end drain", "start work", "end work", "start release",
            "end release");

    private SignalAppActions() {
    }

    /** Asserts that each action ran once, and each phase after the one before had ended. */
    static void assertRanOnceInPhaseOrder(ChildResult result) {
        Events events = result.events();
        events.assertEachOnce(EVENTS);
        events.assertBefore("end drain", "start work");
        events.assertBefore("end work", "start release");
    }
}
