package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Bounds;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.SignalApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a guarded process ends, in a real JVM: the exit code, every action exactly once, and the
 * reason in the report.
 */
class SignalExitTest {

    @TempDir
    Path dir;

    private ChildResult signalled(Jdk jdk, String signal, ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal(signal);
            return running.awaitExit();
        }
    }

    @OnEachJdk
    void sigintExitsWith130(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(jdk, "INT", ChildJvm.onClassPath(jdk, SignalApp.class, dir));
        assertEquals(130, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 130);
        assertEquals("INT", result.report().detail());
        result.report().assertAll("SUCCEEDED");
    }

    @OnEachJdk
    void sigtermExitsWith143(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(jdk, "TERM", ChildJvm.onClassPath(jdk, SignalApp.class, dir));
        assertEquals(143, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 143);
        assertEquals("TERM", result.report().detail());
        result.report().assertAll("SUCCEEDED");
    }

    @OnEachJdk
    void sighupConfiguredByPropertyExitsWith129(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(jdk, "HUP",
                ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("exitguard.signals", "INT,TERM,HUP"));
        assertEquals(129, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 129);
        assertEquals("HUP", result.report().detail());
    }

    @OnEachJdk
    void sighupChosenInCodeExitsWith129(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(jdk, "HUP",
                ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.signals", "INT,TERM,HUP"));
        assertEquals(129, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 129);
    }

    @OnEachJdk
    void systemExitRunsTheActionsFromTheShutdownHook(Jdk jdk) throws InterruptedException {
        ChildResult result = exitedByItself(ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.then", "exit:3"));
        assertEquals(3, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("JVM_SHUTDOWN", -1);
    }

    @OnEachJdk
    void mainReturningRunsTheActionsAndExitsWith0(Jdk jdk) throws InterruptedException {
        ChildResult result = exitedByItself(ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.then", "return"));
        assertEquals(0, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("JVM_SHUTDOWN", -1);
    }

    @OnEachJdk
    void guardExitRunsTheActionsThenExitsWithItsStatus(Jdk jdk) throws InterruptedException {
        ChildResult result = exitedByItself(
                ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.then", "guardExit:4"));
        assertEquals(4, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("PROGRAMMATIC", 4);
    }

    private static ChildResult exitedByItself(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            return running.awaitExit();
        }
    }

    @OnEachJdk
    void anotherLibrarysShutdownHookRunsAfterTheActions(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(jdk, "TERM",
                ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.hook", "true"));
        assertEquals(143, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.events().assertBefore("end release", "hook");
        assertEquals(1, result.events().count("hook"), result::describe);
    }

    @OnEachJdk
    void julLoggingFromAnActionReachesItsFile(Jdk jdk) throws Exception {
        Path log = dir.resolve("audit.log");
        ChildResult result = signalled(jdk, "TERM",
                ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.julFile", log.toString()));
        assertEquals(143, result.exitCode(), result::describe);
        String text = java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "(no file)";
        assertTrue(text.contains("audit: exit by SIGNAL TERM (exit code 143)"), () -> "the log file holds: " + text
                + "\n" + result.describe());
        result.events().assertBefore("end release", "end audit-log");
    }

    /**
     * After {@code runActions()}, which runs the actions in-process for an application that ends the
     * process itself, a signal ends the process with its code through the JVM's normal exit: the
     * actions do not run again, the JVM's other shutdown hooks run, and nothing halts.
     */
    @OnEachJdk
    void aSignalAfterRunActionsEndsTheProcessWithItsCodeAndTheOtherHooksRun(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.then", "runActions")
                .property("app.hook", "true").start()) {
            child.awaitReady();
            child.awaitEvent("runActions returned", Bounds.EXIT);
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        Events events = result.events();
        events.assertBefore("end release", "runActions returned");
        events.assertBefore("runActions returned", "hook");
        assertEquals(1, events.count("hook"), result::describe);
        assertFalse(result.stderr().contains("second signal"), result::describe);
        assertTrue(result.stderr().contains("exit requested (SIGNAL TERM (exit code 143)) after the actions ran"
                + " in-process (PROGRAMMATIC the app stops by itself (exit code 0)); the process exits with code 143"
                + " once they are over, without running them again"), result::describe);
        // The report is the in-process run's, written once.
        result.report().assertReason("PROGRAMMATIC", 0);
    }

    @OnEachJdk
    void aSignalBeforeAnyActionIsRegisteredStillEndsTheProcess(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(jdk, "TERM",
                ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.noActions", "true"));
        assertEquals(143, result.exitCode(), result::describe);
        result.report().assertReason("SIGNAL", 143);
        assertEquals(List.of(), result.report().names(), result::describe);
    }

    @OnEachJdk
    void aSignalDuringInstallIsNotLost(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child running = ChildJvm.onClassPath(jdk, SignalApp.class, dir)
                .property("app.raiseDuringInstall", "TERM").start()) {
            result = running.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 143);
        assertFalse(result.stderr().contains("second signal"), result::describe);
    }
}
