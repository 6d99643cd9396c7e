package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.UnprintableFailureApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure that cannot be printed, or a report listener that throws an {@link Error}, costs
 * nothing but itself: the action is recorded as failed, every other action runs, the report is
 * logged and written, the other listeners run, and the process exits at once with the signal's
 * code (see {@link UnprintableFailureApp}).
 */
class UnprintableFailureTest {

    /**
     * Far below the 30 s a broken exit takes (the 25 s deadline plus the 5 s halt grace, then the
     * watchdog), yet many seconds for a machine whose two cores are shared by several builds.
     */
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @OnEachJdk
    void aFailureThatCannotBePrintedAndAListenerThatThrowsAnErrorCostNothingElse(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = ChildJvm.onClassPath(jdk, UnprintableFailureApp.class, dir).start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertTrue(result.sinceFirstSignal().compareTo(PROMPTLY) < 0,
                () -> "took " + result.sinceFirstSignal().toMillis() + " ms\n" + result.describe());
        assertFalse(result.stderr().contains("outlived its deadline"), result::describe);

        Events events = result.events();
        events.assertEachOnce(List.of("start unprintable", "start no-message", "start next", "end next",
                "start release", "end release", "second listener saw 4 actions"));
        events.assertBefore("end release", "second listener saw 4 actions");

        Report report = result.report();
        report.assertReason("SIGNAL", 143);
        String unprintable = UnprintableFailureApp.UnprintableException.class.getName();
        assertEquals("FAILED", report.action("unprintable").outcome(), result::describe);
        assertEquals(unprintable + " (its toString() threw java.lang.UnsupportedOperationException, and its"
                + " getMessage() threw java.lang.IllegalStateException)", report.action("unprintable").error(),
                result::describe);
        assertEquals("FAILED", report.action("no-message").outcome(), result::describe);
        assertEquals(UnprintableFailureApp.NoMessageException.class.getName() + " (its toString() threw"
                + " java.lang.IllegalStateException, and its getMessage() threw java.lang.IllegalStateException)",
                report.action("no-message").error(), result::describe);
        for (String name : List.of("next", "release")) {
            assertEquals("SUCCEEDED", report.action(name).outcome(), result::describe);
        }
        // The table was logged, failures and all, and the listener's Error was reported.
        assertTrue(result.stderr().contains("exit (SIGNAL TERM (exit code 143)) took "), result::describe);
        assertTrue(result.stderr().contains("an exit report listener failed: java.lang.AssertionError: listener failed"
                + " on purpose (at " + UnprintableFailureApp.class.getName()), result::describe);
    }
}
