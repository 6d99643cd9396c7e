package dev.exitguard.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChildMain} in a JVM of its own, stopped the way an orchestrator stops it: a real
 * {@code kill -TERM}, caught by the signal trigger of {@code exitguard-signals} (a test
 * dependency, so on the child's class path). The exit code, the order of the events the actions
 * recorded and the JSON report show that the multibound actions ran with their injected
 * dependencies, the ServiceLoader action ran, the phases came in order, and each singleton closed
 * once, newest first.
 */
class ChildJvmTest {

    private static final List<String> EXPECTED_EVENTS = List.of(
            "create database", "create cache", "create journal", "create search-index",
            "stop-intake service=orders journal=journal-7 reason=TERM",
            "drain database=jdbc:orders",
            "close search-index", "close journal", "close cache", "close database");

    private static final List<String> EXPECTED_ACTIONS = List.of("stop-intake", "drain-requests",
            "close " + ChildMain.SearchIndex.class.getName(), "close " + ChildMain.Journal.class.getName(),
            "close " + ChildMain.Cache.class.getName(), "close " + ChildMain.Database.class.getName(),
            ServiceLoadedAction.NAME);

    @TempDir
    Path directory;

    private ChildJvm child(String... arguments) {
        return ChildJvm.onClassPath(Jdk.current(), ChildMain.class, directory).arguments(arguments);
    }

    @Test
    void sigtermRunsTheInjectedActionsInPhaseOrderClosesTheSingletonsAndExits143() throws Exception {
        ChildResult result;
        try (Child child = child().start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        // A figure for people, not an assertion: how long the whole guarded exit took here.
        System.out.println("child JVM gone " + result.sinceFirstSignal().toMillis() + " ms after kill -TERM");

        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(EXPECTED_EVENTS, result.events().texts(), result::describe);
        Report report = result.report();
        report.assertReason("SIGNAL", 143);
        assertEquals(EXPECTED_ACTIONS, report.names(), result::describe);
        report.assertAll("SUCCEEDED");
    }

    @Test
    void anInjectedGuardsExitRunsTheSameActionsAndExitsWithItsStatus() throws Exception {
        ChildResult result;
        try (Child child = child("exit").start()) {
            child.awaitReady();
            result = child.awaitExit();
        }

        assertEquals(3, result.exitCode(), result::describe);
        List<String> expected = new ArrayList<>(EXPECTED_EVENTS);
        expected.set(expected.indexOf("stop-intake service=orders journal=journal-7 reason=TERM"),
                "stop-intake service=orders journal=journal-7 reason=ExitGuard.exit(3)");
        assertEquals(expected, result.events().texts(), result::describe);
        result.report().assertReason("PROGRAMMATIC", 3);
        assertEquals(EXPECTED_ACTIONS, result.report().names(), result::describe);
    }
}
