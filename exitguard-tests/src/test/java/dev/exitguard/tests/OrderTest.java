package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.OrderApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phase order, parallelism inside a phase and {@code after()} order, read from the timestamps the
 * actions record in the child (see {@link OrderApp} for the plan). The test never sleeps.
 */
class OrderTest {

    private static final List<List<String>> PHASES = List.of(List.of("intake"), List.of("drain-a", "drain-b", "drain-c"),
            List.of("journal", "cache", "index"), List.of("pool", "db"), List.of("metrics"));

    @TempDir
    Path dir;

    @OnEachJdk
    void phasesAreBarriersActionsOfAPhaseOverlapAndAfterIsKept(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = ChildJvm.onClassPath(jdk, OrderApp.class, dir).start()) {
            child.awaitReady();
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        result.report().assertAll("SUCCEEDED");
        Events events = result.events();
        for (List<String> phase : PHASES) {
            for (String action : phase) {
                events.assertEachOnce(List.of("start " + action, "end " + action));
            }
        }

        // Each phase is a barrier: every action of a phase ends before any of the next starts.
        for (int i = 0; i + 1 < PHASES.size(); i++) {
            for (String earlier : PHASES.get(i)) {
                for (String later : PHASES.get(i + 1)) {
                    events.assertBefore("end " + earlier, "start " + later);
                }
            }
        }

        // Parallel inside a phase: each of the pair started before the other ended.
        assertOverlap(events, "drain-a", "drain-b", result);
        assertOverlap(events, "journal", "cache", result);

        // after(): the dependent starts only once what it waits for has ended.
        events.assertBefore("end drain-a", "start drain-c");
        events.assertBefore("end journal", "start index");
        events.assertBefore("end cache", "start index");
        events.assertBefore("end pool", "start db");

        assertEquals(List.of("intake", "drain-a", "drain-b", "drain-c", "cache", "journal", "index", "pool", "db",
                "metrics"), result.report().names(), result::describe);
    }

    private static void assertOverlap(Events events, String a, String b, ChildResult result) {
        assertTrue(events.time("start " + a) < events.time("end " + b)
                && events.time("start " + b) < events.time("end " + a),
                () -> a + " and " + b + " did not overlap: " + events + "\n" + result.describe());
    }
}
