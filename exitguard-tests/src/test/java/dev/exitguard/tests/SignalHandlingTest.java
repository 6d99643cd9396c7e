package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Shell;
import dev.exitguard.tests.apps.SignalApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal trigger among everything else that touches signals: handlers installed before it,
 * {@code nohup}, {@code -Xrs}, reserved signals, shells, {@code timeout}, bursts.
 */
class SignalHandlingTest {

    @TempDir
    Path dir;

    private ChildJvm app(Jdk jdk) {
        return ChildJvm.onClassPath(jdk, SignalApp.class, dir);
    }

    @OnEachJdk
    void aHandlerInstalledBeforeIsCalledOnceAfterTheActions(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.customHandler", "TERM").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        Events events = result.events();
        assertEquals(1, events.count("custom-handler TERM"), result::describe);
        events.assertBefore("end release", "custom-handler TERM");
    }

    @OnEachJdk
    void disarmRestoresAHandlerInstalledBefore(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.customHandler", "TERM").property("app.then", "uninstall").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(42, result.exitCode(), () -> "the custom handler exits with 42\n" + result.describe());
        assertEquals(List.of("custom-handler TERM"), result.events().texts(), result::describe);
        assertFalse(result.hasReport(), "an uninstalled guard runs no exit\n" + result.describe());
    }

    @OnEachJdk
    void disarmRestoresTheJvmsOwnHandler(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.hook", "true").property("app.then", "uninstall").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(List.of("hook"), result.events().texts(), "the JVM's handler ran the hooks\n" + result.describe());
        assertFalse(result.hasReport(), "an uninstalled guard runs no exit\n" + result.describe());
    }

    private ChildResult failedInstall(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            return running.awaitExit();
        }
    }

    private static void assertFailedToStart(ChildResult result, String... messages) {
        assertEquals(1, result.exitCode(), result::describe);
        assertFalse(result.stdout().contains("READY"), result::describe);
        for (String message : messages) {
            assertTrue(result.stderr().contains(message), () -> "stderr should say: " + message + "\n" + result.describe());
        }
        assertEquals(List.of(), result.events().texts(), result::describe);
    }

    /**
     * DESIGN: a signal the VM will not let exitguard handle is a logged warning, not a crash. The
     * application starts, says once which signal it cannot have and why, and TERM still works.
     */
    @OnEachJdk
    void askingForQuitIsOneClearWarningAndTheOtherSignalsStillWork(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("exitguard.signals", "INT,TERM,QUIT").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(1, result.countInStderr("exitguard does not listen to SIGQUIT (asked for by"
                + " exitguard.signals=INT,TERM,QUIT): SIGQUIT: the JVM prints a thread dump on SIGQUIT."
                + " It listens to SIGINT, SIGTERM"), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
    }

    @OnEachJdk
    void askingForUsr2InCodeIsOneClearWarningAndTermStillWorks(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.signals", "TERM,USR2").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(1, result.countInStderr("exitguard does not listen to SIGUSR2 (asked for by SignalTrigger.of):"
                + " SIGUSR2: HotSpot suspends and resumes threads with SIGUSR2. It listens to SIGTERM"), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
    }

    @OnEachJdk
    void badSignalListsAreClearErrors(Jdk jdk) throws InterruptedException {
        assertFailedToStart(failedInstall(app(jdk).property("exitguard.signals", "INT,,BANANA")),
                "exitguard.signals: entry 2 is empty in [INT,,BANANA]",
                "unknown signal [BANANA] in [INT,,BANANA]");
    }

    @OnEachJdk
    void nohupKeepsHupIgnored(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("exitguard.signals", "INT,TERM,HUP")
                .wrappedIn(command -> prepend(List.of("nohup"), command)).start()) {
            child.awaitReady();
            child.signal("HUP");
            // Were HUP handled, its exit would start first: HotSpot dispatches pending signals lowest number first.
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        result.report().assertReason("SIGNAL", 143);
        assertEquals(1, result.countInStderr("SIGHUP is ignored by this process"), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
    }

    /**
     * A script that starts java in the background without job control makes it ignore SIGINT (bash
     * does so for every such job); the JVM would leave it ignored, and so does exitguard.
     */
    @OnEachJdk
    void aBackgroundJobOfAScriptKeepsSigintIgnored(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).wrappedIn(command -> List.of("bash", "-c", Shell.quote(command) + " & wait $!")).start()) {
            child.awaitReady();
            child.signal("INT");
            // Were INT handled, its exit would start first: HotSpot dispatches pending signals lowest number first.
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        result.report().assertReason("SIGNAL", 143);
        assertEquals(1, result.countInStderr("SIGINT is ignored by this process"), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
    }

    @OnEachJdk
    void underXrsTheAppStartsWithOneWarningAndSystemExitStillRunsTheActions(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).flag("-Xrs").property("app.then", "exit:3").start()) {
            child.awaitReady();
            result = child.awaitExit();
        }
        assertEquals(3, result.exitCode(), result::describe);
        assertEquals(1, result.countInStderr("WARNING:"), result::describe);
        assertEquals(1, result.countInStderr("exitguard does not listen to SIGINT, SIGTERM: the JVM does not hand"
                + " SIGINT, SIGTERM over to Java code (it runs with -Xrs"), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        result.report().assertReason("JVM_SHUTDOWN", -1);
    }

    @OnEachJdk
    void underXrsAskingForTermByNameIsOneClearWarningAndSystemExitStillRunsTheActions(Jdk jdk)
            throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).flag("-Xrs").property("exitguard.signals", "TERM").property("app.then", "exit:3")
                .start()) {
            child.awaitReady();
            result = child.awaitExit();
        }
        assertEquals(3, result.exitCode(), result::describe);
        assertEquals(1, result.countInStderr("exitguard does not listen to SIGTERM (asked for by exitguard.signals=TERM):"
                + " the JVM does not hand SIGTERM over to Java code (it runs with -Xrs, which keeps SIGINT, SIGTERM and"
                + " SIGHUP for the JVM)"), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
    }

    @OnEachJdk
    void ctrlCToTheProcessGroupOfAWrapperScriptIsOneSigint(Jdk jdk) throws InterruptedException {
        ChildResult result;
        // A second command after java keeps bash from exec-ing it: bash stays as the parent, as a wrapper script does.
        try (Child child = app(jdk).wrappedIn(command -> List.of("setsid", "bash", "-c",
                Shell.quote(command) + "; status=$?; echo \"wrapper: java exited with $status\"; exit $status")).start()) {
            child.awaitReady();
            child.signalGroup("INT");
            result = child.awaitExit();
        }
        assertEquals(130, result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("wrapper: java exited with 130"), result::describe);
        result.report().assertReason("SIGNAL", 130);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        assertFalse(result.stderr().contains("second signal"), result::describe);
    }

    /**
     * {@code timeout -s TERM -k 10 2 java ...}, as an orchestrator stops a container: TERM after 2 s,
     * KILL 10 s later. The scenario means something only if the app was up when the TERM came; on a
     * machine so loaded that a JVM needs more than 2 s to start, it is run again with more time
     * before the TERM (5 s, then 10 s), and fails, saying so, if even that is not enough.
     */
    @OnEachJdk
    void timeoutsTermThenKillEndsWith143BeforeTheKill(Jdk jdk) throws InterruptedException {
        List<String> tooSlow = new ArrayList<>();
        for (int seconds : new int[] {2, 5, 10}) {
            Path attempt = dir.resolve("timeout-" + seconds);
            ChildResult result;
            boolean upBeforeTerm;
            long started = System.nanoTime();
            // --preserve-status: timeout exits with the child's status rather than its own 124. timeout sends
            // TERM to java and then to its whole process group, so java gets TERM twice: one exit.
            try (Child child = ChildJvm.onClassPath(jdk, SignalApp.class, mkdir(attempt)).wrappedIn(command -> prepend(
                    List.of("timeout", "--preserve-status", "-s", "TERM", "-k", "10", Integer.toString(seconds)),
                    command)).start()) {
                // READY comes after the guard armed its triggers. Seen here before `seconds` have passed since
                // before the fork, it was printed before timeout sent the TERM; printed later, the TERM may have
                // come first and met the JVM's own handler, which proves nothing about exitguard's.
                upBeforeTerm = child.printsWithin("READY",
                        Duration.ofSeconds(seconds).minusNanos(System.nanoTime() - started));
                result = child.awaitExit();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!upBeforeTerm) {
                tooSlow.add("with " + seconds + " s before the TERM, the JVM was not up in time:\n" + result.describe());
                continue;
            }
            assertEquals(143, result.exitCode(), () -> "137 would mean the KILL came\n" + result.describe());
            Duration kill = Duration.ofSeconds(seconds + 10);
            assertTrue(took.compareTo(kill) < 0, () -> "took " + took + ", the KILL was due after " + kill + "\n"
                    + result.describe());
            result.report().assertReason("SIGNAL", 143);
            SignalAppActions.assertRanOnceInPhaseOrder(result);
            assertFalse(result.stderr().contains("second signal"), result::describe);
            return;
        }
        fail("this machine never started a JVM before timeout's TERM; no attempt could test anything:\n"
                + String.join("\n", tooSlow));
    }

    private static Path mkdir(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @OnEachJdk
    void twentyTermsInABurstRunNothingTwice(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).start()) {
            child.awaitReady();
            child.signal("TERM", 20);
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        Events events = result.events();
        for (String event : SignalAppActions.EVENTS) {
            assertTrue(events.count(event) <= 1, () -> event + " twice\n" + result.describe());
        }
        assertEquals(events.texts().size(), events.texts().stream().distinct().count(), result::describe);
    }

    static List<String> prepend(List<String> head, List<String> command) {
        List<String> all = new ArrayList<>(head);
        all.addAll(command);
        return all;
    }
}
