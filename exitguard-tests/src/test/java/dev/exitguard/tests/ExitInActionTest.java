package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.SignalApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code System.exit} inside an action, on the paths where the JVM itself began the exit:
 * {@code System.exit} in {@code main}, {@code main} returning, and SIGTERM with no signal trigger
 * (the JVM's own handler). The action's thread waits inside {@code System.exit} for the shutdown
 * hooks, one of which runs the exit: the action must count as finished at once, the action after it
 * and the later phases must run, and the process must end with the status that reached the JVM
 * first.
 *
 * <p>The deadline is far longer than such an exit takes, so an exit that waits for the action
 * shows as {@code exiter} timed out and {@code next} and {@code release} skipped, not as a slow
 * test: the outcomes prove it, not a clock.
 */
class ExitInActionTest {

    private static final String DEADLINE = "40s";

    @TempDir
    Path dir;

    private ChildJvm app(Jdk jdk) {
        return ChildJvm.onClassPath(jdk, SignalApp.class, dir).property("app.exitInAction", "9")
                .property("exitguard.deadline", DEADLINE);
    }

    private static void assertEveryActionRanAndTheExiterCountsAsFinished(ChildResult result) {
        Events events = result.events();
        events.assertEachOnce(List.of("start exiter", "start next", "end next", "start drain", "end drain",
                "start work", "end work", "start release", "end release"));
        events.assertBefore("start exiter", "start next");
        events.assertBefore("end next", "start release");
        Report report = result.report();
        report.assertAll("SUCCEEDED");
        assertEquals("called System.exit; counted as finished so that the rest of the exit goes on",
                report.action("exiter").detail(), result::describe);
        assertFalse(result.stderr().contains("outlived its deadline"), result::describe);
    }

    @OnEachJdk
    void systemExitInMainKeepsItsStatusAndTheExitGoesOnPastTheAction(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.then", "exit:3").start()) {
            child.awaitReady();
            result = child.awaitExit();
        }
        assertEquals(3, result.exitCode(), result::describe);
        assertEveryActionRanAndTheExiterCountsAsFinished(result);
        result.report().assertReason("JVM_SHUTDOWN", -1);
    }

    /**
     * Main returning gives the JVM no status, and the JVM would carry out the action's waiting
     * {@code System.exit(9)} once the hooks are over, racing the launcher's 0; exitguard keeps it
     * waiting. A race, so it runs {@code exitguard.tests.race.runs} times per JDK (3 by default; the
     * soak in docs/testing.md runs 100).
     */
    @OnEachJdk
    void mainReturningExitsWith0AndTheExitGoesOnPastTheAction(Jdk jdk) throws Exception {
        int runs = Integer.getInteger("exitguard.tests.race.runs", 3);
        for (int run = 0; run < runs; run++) {
            ChildResult result;
            try (Child child = ChildJvm.onClassPath(jdk, SignalApp.class, Files.createDirectory(dir.resolve("run-" + run)))
                    .property("app.exitInAction", "9").property("exitguard.deadline", DEADLINE)
                    .property("app.then", "return").start()) {
                child.awaitReady();
                result = child.awaitExit();
            }
            assertEquals(0, result.exitCode(), result::describe);
            assertEveryActionRanAndTheExiterCountsAsFinished(result);
            result.report().assertReason("JVM_SHUTDOWN", -1);
        }
        System.out.println("System.exit(9) in an action after main returned, on " + jdk + ": " + runs
                + " runs, exit code 0 in every one");
    }

    @OnEachJdk
    void sigtermWithoutSignalTriggerExitsWith143AndTheExitGoesOnPastTheAction(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.noSignals", "true").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertEveryActionRanAndTheExiterCountsAsFinished(result);
        result.report().assertReason("JVM_SHUTDOWN", -1);
    }
}
