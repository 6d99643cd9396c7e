package dev.exitguard.tests;

import static dev.exitguard.tests.SignalExitTest.EXIT_BOUND;
import static dev.exitguard.tests.SignalExitTest.assertActionsRanOnceInPhaseOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.tests.apps.SignalApp;
import dev.exitguard.tests.harness.Child;
import dev.exitguard.tests.harness.ChildJvm;
import dev.exitguard.tests.harness.ChildResult;
import dev.exitguard.tests.harness.Events;
import dev.exitguard.tests.harness.Jdk;
import dev.exitguard.tests.harness.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void aHandlerInstalledBeforeIsCalledOnceAfterTheActions(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.customHandler", "TERM").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
        Events events = result.events();
        assertEquals(1, events.count("custom-handler TERM"), result::describe);
        events.assertBefore("end release", "custom-handler TERM");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void disarmRestoresAHandlerInstalledBefore(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.customHandler", "TERM").property("app.then", "uninstall").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(42, result.exitCode(), () -> "the custom handler exits with 42\n" + result.describe());
        assertEquals(List.of("custom-handler TERM"), result.events().texts(), result::describe);
        assertFalse(result.hasReport(), "an uninstalled guard runs no exit\n" + result.describe());
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void disarmRestoresTheJvmsOwnHandler(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.hook", "true").property("app.then", "uninstall").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(List.of("hook"), result.events().texts(), "the JVM's handler ran the hooks\n" + result.describe());
        assertFalse(result.hasReport(), "an uninstalled guard runs no exit\n" + result.describe());
    }

    private ChildResult failedInstall(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            return running.awaitExit(EXIT_BOUND);
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

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void askingForQuitIsAClearError(Jdk jdk) throws InterruptedException {
        assertFailedToStart(failedInstall(app(jdk).property("exitguard.signals", "INT,QUIT")),
                "exitguard cannot be installed: 1 problem",
                "exit trigger dev.exitguard.signals.SignalTrigger could not be armed: exitguard.signals: signal [QUIT]"
                        + " in [INT,QUIT] cannot be used: the JVM prints a thread dump on SIGQUIT");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void askingForUsr2InCodeIsAClearError(Jdk jdk) throws InterruptedException {
        assertFailedToStart(failedInstall(app(jdk).property("app.signals", "TERM,USR2")),
                "java.lang.IllegalArgumentException: SignalTrigger.of(\"TERM\", \"USR2\"): signal [USR2] cannot be used:"
                        + " HotSpot suspends and resumes threads with SIGUSR2");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void badSignalListsAreClearErrors(Jdk jdk) throws InterruptedException {
        assertFailedToStart(failedInstall(app(jdk).property("exitguard.signals", "INT,,BANANA")),
                "exitguard.signals: entry 2 is empty in [INT,,BANANA]",
                "unknown signal [BANANA] in [INT,,BANANA]");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void nohupKeepsHupIgnored(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("exitguard.signals", "INT,TERM,HUP")
                .wrappedIn(command -> prepend(List.of("nohup"), command)).start()) {
            child.awaitReady();
            child.signal("HUP");
            // Were HUP handled, its exit would start first: HotSpot dispatches pending signals lowest number first.
            child.signal("TERM");
            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(143, result.exitCode(), result::describe);
        result.report().assertReason("SIGNAL", 143);
        assertEquals(1, result.countInStderr("SIGHUP is ignored by this process"), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void underXrsTheAppStartsWithOneWarningAndSystemExitStillRunsTheActions(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).flag("-Xrs").property("app.then", "exit:3").start()) {
            child.awaitReady();
            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(3, result.exitCode(), result::describe);
        assertEquals(1, result.countInStderr("WARNING:"), result::describe);
        assertEquals(1, result.countInStderr("exitguard does not listen to SIGINT, SIGTERM: the JVM does not hand"
                + " SIGINT, SIGTERM over to Java code (it runs with -Xrs"), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
        result.report().assertReason("JVM_SHUTDOWN", -1);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void underXrsAskingForTermByNameIsAClearError(Jdk jdk) throws InterruptedException {
        assertFailedToStart(failedInstall(app(jdk).flag("-Xrs").property("exitguard.signals", "TERM")),
                "exit trigger dev.exitguard.signals.SignalTrigger could not be armed: the JVM does not hand SIGTERM over"
                        + " to Java code (it runs with -Xrs, which keeps SIGINT, SIGTERM and SIGHUP for the JVM)"
                        + " (asked for by exitguard.signals=TERM)");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void ctrlCToTheProcessGroupOfAWrapperScriptIsOneSigint(Jdk jdk) throws InterruptedException {
        ChildResult result;
        // A second command after java keeps bash from exec-ing it: bash stays as the parent, as a wrapper script does.
        try (Child child = app(jdk).wrappedIn(command -> List.of("setsid", "bash", "-c",
                Shell.quote(command) + "; status=$?; echo \"wrapper: java exited with $status\"; exit $status")).start()) {
            child.awaitReady();
            child.signalGroup("INT");
            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(130, result.exitCode(), result::describe);
        assertTrue(result.stdout().contains("wrapper: java exited with 130"), result::describe);
        result.report().assertReason("SIGNAL", 130);
        assertActionsRanOnceInPhaseOrder(result);
        assertFalse(result.stderr().contains("second signal"), result::describe);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void timeoutsTermThenKillEndsWith143BeforeTheKill(Jdk jdk) throws InterruptedException {
        ChildResult result;
        long started = System.nanoTime();
        // --preserve-status: timeout exits with the child's status rather than its own 124. timeout sends
        // TERM to java and then to its whole process group, so java gets TERM twice: one exit.
        try (Child child = app(jdk).wrappedIn(command -> prepend(
                List.of("timeout", "--preserve-status", "-s", "TERM", "-k", "10", "2"), command)).start()) {
            child.awaitReady();
            result = child.awaitExit(EXIT_BOUND);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(143, result.exitCode(), result::describe);
        // The KILL would come 12 s after the start; 143 rather than 137 already shows it did not, and the
        // bound is stated too, with room for a slow start.
        assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, () -> "took " + took + "\n" + result.describe());
        result.report().assertReason("SIGNAL", 143);
        assertActionsRanOnceInPhaseOrder(result);
        assertFalse(result.stderr().contains("second signal"), result::describe);
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void twentyTermsInABurstRunNothingTwice(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).start()) {
            child.awaitReady();
            child.signal("TERM", 20);
            result = child.awaitExit(EXIT_BOUND);
        }
        assertEquals(143, result.exitCode(), result::describe);
        Events events = result.events();
        for (String event : SignalExitTest.ACTIONS) {
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
