package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Bounds;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.SignalApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actions that do not end: the deadline, the second signal, {@code System.exit} inside an action.
 * The process must be gone promptly, with the right code, naming what was stuck.
 */
class DeadlineTest {

    /**
     * What "promptly" means here: far below the 60 s the hung action sleeps and the 25 s default
     * deadline, which is what a broken exit would take, yet leaving many seconds for a machine
     * whose two cores are shared by several builds.
     */
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    /** Longer than the coordinator's 250 ms window, within which a repeated signal counts as the same one. */
    private static final Duration BEYOND_DUPLICATE_WINDOW = Duration.ofMillis(600);

    @TempDir
    Path dir;

    private ChildJvm app(Jdk jdk) {
        return ChildJvm.onClassPath(jdk, SignalApp.class, dir);
    }

    private static void assertPrompt(Duration took, ChildResult result) {
        assertTrue(took.compareTo(PROMPTLY) < 0, () -> "took " + took.toMillis() + " ms\n" + result.describe());
    }

    @OnEachJdk
    void anActionSleepingAMinuteIsAbandonedAtATwoSecondDeadline(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.hang", "sleep").property("exitguard.deadline", "2s").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertPrompt(result.sinceFirstSignal(), result);
        Report report = result.report();
        report.assertReason("SIGNAL", 143);
        Report.Action hung = report.action("hung");
        assertEquals("TIMED_OUT", hung.outcome(), result::describe);
        assertTrue(hung.stack().contains("SignalApp.sleepAMinute"), result::describe);
        assertEquals("SUCCEEDED", report.action("work").outcome(), result::describe);
        assertEquals("SKIPPED", report.action("release").outcome(),
                () -> "the deadline is the whole exit's: no time was left for RELEASE\n" + result.describe());
        assertTrue(result.stderr().contains("[hung] was at:"), result::describe);
        assertTrue(result.stderr().contains("SignalApp.sleepAMinute"), result::describe);
        assertEquals(0, result.events().count("end hung"), result::describe);
    }

    @OnEachJdk
    void anActionSwallowingInterruptsIsAbandonedAndTheJvmStillExits(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.hang", "swallow").property("exitguard.deadline", "2s").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertPrompt(result.sinceFirstSignal(), result);
        assertTrue(result.events().count("stubborn swallowed an interrupt") >= 1,
                () -> "the action was interrupted and went on\n" + result.describe());
        Report.Action stubborn = result.report().action("stubborn");
        assertEquals("TIMED_OUT", stubborn.outcome(), result::describe);
        assertTrue(stubborn.stack().contains("SignalApp.swallowInterruptsForever"), result::describe);
    }

    @OnEachJdk
    void systemExitInsideAnActionDoesNotDeadlockAndTheOthersStillRun(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.exitInAction", "7").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        // The action's System.exit(7) began the JVM's shutdown, and the JVM exits with the status of
        // the call that began it; exitguard's later exit(143) waits behind it, as the JDK specifies,
        // and the report says that the JVM's own shutdown, not the signal, ended the process.
        assertEquals(7, result.exitCode(), result::describe);
        assertPrompt(result.sinceFirstSignal(), result);
        result.events().assertEachOnce(List.of("start exiter", "start next", "end next", "start drain", "end drain",
                "start work", "end work", "start release", "end release"));
        Report report = result.report();
        report.assertReason("JVM_SHUTDOWN", -1);
        assertTrue(report.detail().contains("during the exit (SIGNAL TERM (exit code 143))"), result::describe);
        report.assertAll("SUCCEEDED");
        assertTrue(report.action("exiter").detail().contains("called System.exit"), result::describe);
    }

    @OnEachJdk
    void aSecondSigintDuringAHungActionHaltsWith130NamingIt(Jdk jdk) throws InterruptedException {
        secondSignalHalts(jdk, "INT", 130);
    }

    @OnEachJdk
    void aSecondSigtermDuringAHungActionHaltsWith143NamingIt(Jdk jdk) throws InterruptedException {
        secondSignalHalts(jdk, "TERM", 143);
    }

    private void secondSignalHalts(Jdk jdk, String second, int code) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.hang", "sleep").start()) {
            child.awaitReady();
            child.signal("TERM");
            child.awaitEvent("start hung", Bounds.EXIT);
            Thread.sleep(BEYOND_DUPLICATE_WINDOW.toMillis());
            child.signal(second);
            result = child.awaitExit();
        }
        assertEquals(code, result.exitCode(), result::describe);
        assertPrompt(result.sinceLastSignal(), result);
        assertTrue(result.stderr().contains("exitguard: second signal " + second
                + " while exiting; halting now with exit code " + code), result::describe);
        assertTrue(result.stderr().contains("[hung] running for"), result::describe);
        assertTrue(result.stderr().contains("SignalApp.sleepAMinute"), result::describe);
        Report.Action hung = result.report().action("hung");
        assertEquals("TIMED_OUT", hung.outcome(), result::describe);
        assertTrue(hung.stack().contains("SignalApp.sleepAMinute"), result::describe);
        assertEquals(0, result.events().count("end hung"), result::describe);
    }

    /**
     * The deadline is 5 s, not 2, so that the INT lands well inside the exit even when a loaded machine
     * takes a second or more to show the hung action's start: an INT that arrives as the watchdog halts
     * may never get to print that it was ignored.
     */
    @OnEachJdk
    void withSecondSignalIgnoreTheExitRunsToItsDeadline(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.hang", "sleep").property("exitguard.secondSignal", "ignore")
                .property("exitguard.deadline", "5s").start()) {
            child.awaitReady();
            child.signal("TERM");
            child.awaitEvent("start hung", Bounds.EXIT);
            Thread.sleep(BEYOND_DUPLICATE_WINDOW.toMillis());
            child.signal("INT");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), () -> "the first signal's code\n" + result.describe());
        assertTrue(result.stderr().contains("signal INT ignored"), result::describe);
        assertEquals("TIMED_OUT", result.report().action("hung").outcome(), result::describe);
    }
}
