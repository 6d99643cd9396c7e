package dev.exitguard.tests;

import static dev.exitguard.tests.SignalExitTest.EXIT_BOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.tests.apps.GuiceApp;
import dev.exitguard.tests.harness.Child;
import dev.exitguard.tests.harness.ChildJvm;
import dev.exitguard.tests.harness.ChildResult;
import dev.exitguard.tests.harness.Events;
import dev.exitguard.tests.harness.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 15, a Guice application ({@link GuiceApp}) stopped with {@code kill -TERM}: actions bound
 * in Guice, with their dependencies injected, and an action found by ServiceLoader run together,
 * phase by phase, each once; with {@code closeSingletons(true)} the AutoCloseable singletons close
 * once each, newest first. The real signal trigger (exitguard-signals) is on the child's class path.
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

    private ChildResult terminated(Jdk jdk, boolean closeSingletons) throws InterruptedException {
        assertTrue(Files.isRegularFile(PROVIDERS.resolve("META-INF/services/dev.exitguard.api.ExitAction")),
                "missing provider folder " + PROVIDERS);
        try (Child child = ChildJvm.onClassPath(jdk, GuiceApp.class, dir).classPathFirst(PROVIDERS)
                .property("app.closeSingletons", Boolean.toString(closeSingletons)).start()) {
            child.awaitReady();
            child.signal("TERM");
            return child.awaitExit(EXIT_BOUND);
        }
    }

    private static void assertActionsRanOnceInPhaseOrder(ChildResult result) {
        Events events = result.events();
        events.assertEachOnce(ACTIONS);
        events.assertEachOnce(CREATED);
        events.assertBefore("end stop-intake", "start drain-queue");
        events.assertBefore("end drain-queue", "start flush-journal");
        events.assertBefore("end flush-journal", "start publish-metrics");
        result.report().assertReason("SIGNAL", 143);
        assertEquals("TERM", result.report().detail(), result::describe);
        result.report().assertAll("SUCCEEDED");
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void sigtermRunsTheBoundAndTheServiceLoadedActionsInPhaseOrderEachOnce(Jdk jdk) throws InterruptedException {
        ChildResult result = terminated(jdk, false);
        assertEquals(143, result.exitCode(), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
        assertEquals(List.of("stop-intake", "drain-queue", "flush-journal", "publish-metrics"),
                result.report().names(), result::describe);
        assertEquals(List.of(), result.events().texts().stream().filter(t -> t.startsWith("close ")).toList(),
                () -> "singletons are closed only when asked\n" + result.describe());
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void closeSingletonsClosesEachOnceInReverseCreationOrderBetweenDefaultAndTelemetry(Jdk jdk)
            throws InterruptedException {
        ChildResult result = terminated(jdk, true);
        assertEquals(143, result.exitCode(), result::describe);
        assertActionsRanOnceInPhaseOrder(result);
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
}
