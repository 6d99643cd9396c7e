package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.GuiceApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 15, a Guice application ({@link GuiceApp}) stopped with {@code kill -TERM}, or by the
 * injected guard's {@code exit(3)}: actions bound in Guice, with their dependencies injected, and an
 * action found by ServiceLoader run together, phase by phase, each once; with
 * {@code closeSingletons(true)} the AutoCloseable singletons close once each, newest first. The real
 * signal trigger (exitguard-signals) is on the child's class path.
 */
class GuiceTest {

    private static final Path PROVIDERS = Path.of(System.getProperty("exitguard.tests.providers", "src/test/providers"))
            .resolve("guice");

    /** The actions' events, phase by phase: STOP_INTAKE, DRAIN (ServiceLoader), DEFAULT, TELEMETRY. */
    private static final List<String> ACTIONS = List.of(
            "start stop-intake", "stop-intake was given orders and journal", "end stop-intake",
            "start drain-queue", "end drain-queue",
            "start flush-journal", "flush-journal was given journal", "end flush-journal",
            "start publish-metrics", "publish-metrics was given udp://metrics:8125", "end publish-metrics");

    private static final List<String> CREATED = List.of("create database", "create cache", "create journal",
            "create search");

    @TempDir
    Path dir;

    private ChildJvm app(Jdk jdk, boolean closeSingletons) {
        assertTrue(Files.isRegularFile(PROVIDERS.resolve("META-INF/services/dev.exitguard.api.ExitAction")),
                "missing provider folder " + PROVIDERS);
        return ChildJvm.onClassPath(jdk, GuiceApp.class, dir).classPathFirst(PROVIDERS)
                .property("app.closeSingletons", Boolean.toString(closeSingletons));
    }

    private ChildResult terminated(Jdk jdk, boolean closeSingletons) throws InterruptedException {
        try (Child child = app(jdk, closeSingletons).start()) {
            child.awaitReady();
            child.signal("TERM");
            return child.awaitExit();
        }
    }

    private static void assertActionsRanOnceInPhaseOrder(ChildResult result) {
        Events events = result.events();
        events.assertEachOnce(ACTIONS);
        events.assertEachOnce(CREATED);
        events.assertBefore("end stop-intake", "start drain-queue");
        events.assertBefore("end drain-queue", "start flush-journal");
        events.assertBefore("end flush-journal", "start publish-metrics");
        result.report().assertAll("SUCCEEDED");
    }

    /** Each singleton closed once, newest first, after DEFAULT and before TELEMETRY, by the one closing action. */
    private static void assertSingletonsClosedNewestFirst(ChildResult result) {
        Events events = result.events();
        for (int i = 0; i + 1 < CREATED.size(); i++) {
            events.assertBefore(CREATED.get(i), CREATED.get(i + 1));
        }
        List<String> closes = List.of("close search", "close journal", "close cache", "close database");
        events.assertEachOnce(closes);
        for (int i = 0; i + 1 < closes.size(); i++) {
            events.assertBefore(closes.get(i), closes.get(i + 1));
        }
        events.assertBefore("end flush-journal", "close search");
        events.assertBefore("close database", "start publish-metrics");
        assertEquals(List.of("stop-intake", "drain-queue", "flush-journal", "close Guice singletons", "publish-metrics"),
                result.report().names(), result::describe);
    }

    @OnEachJdk
    void sigtermRunsTheBoundAndTheServiceLoadedActionsInPhaseOrderEachOnce(Jdk jdk) throws InterruptedException {
        ChildResult result = terminated(jdk, false);
        assertEquals(143, result.exitCode(), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 143);
        assertEquals("TERM", result.report().detail(), result::describe);
        assertEquals(List.of("stop-intake", "drain-queue", "flush-journal", "publish-metrics"),
                result.report().names(), result::describe);
        assertEquals(List.of(), result.events().texts().stream().filter(t -> t.startsWith("close ")).toList(),
                () -> "singletons are closed only when asked\n" + result.describe());
    }

    @OnEachJdk
    void closeSingletonsClosesEachOnceInReverseCreationOrderBetweenDefaultAndTelemetry(Jdk jdk)
            throws InterruptedException {
        ChildResult result = terminated(jdk, true);
        assertEquals(143, result.exitCode(), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 143);
        assertSingletonsClosedNewestFirst(result);
    }

    @OnEachJdk
    void anInjectedGuardsExitRunsTheSameActionsAndExitsWithItsStatus(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk, true).property("app.then", "exit").start()) {
            child.awaitReady();
            result = child.awaitExit();
        }
        assertEquals(3, result.exitCode(), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
        result.report().assertReason("PROGRAMMATIC", 3);
        assertSingletonsClosedNewestFirst(result);
    }

    @OnEachJdk
    void anInjectorJoinsTheGuardMainInstalledAndASignalRunsItsActionsAndClosesItsSingletons(Jdk jdk)
            throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk, true).property("app.installFirst", "true").start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(1, result.events().texts().stream().filter(t -> t.startsWith("installed by main: ")).count(),
                result::describe);
        // The injector's actions run in main's guard, beside the ServiceLoader action main's install found.
        assertActionsRanOnceInPhaseOrder(result);
        result.report().assertReason("SIGNAL", 143);
        assertSingletonsClosedNewestFirst(result);
        assertEquals(0, result.countInStderr("is not installed"), result::describe);
        assertEquals(0, result.countInStderr("do not apply"), result::describe);
    }
}
