package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Per-phase budgets: read from {@code exitguard.phaseTimeout.<PHASE>} and the builder, bad values
 * refused at install naming the key, and, at exit, what still runs when a budget ends cut off like
 * a timed-out action while the next phase begins. Exits run on a clock the test moves.
 */
class PhaseTimeoutTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);
    /** Generous: only reached when the behaviour under test is broken. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final RecordingTerminator terminator = new RecordingTerminator();
    private final FakeTicker clock = new FakeTicker();

    private static Map<Integer, Duration> resolve(Map<Integer, Duration> requested, Map<String, String> properties,
            Problems problems) {
        return PhaseTimeouts.resolve(requested, properties::get, properties.keySet(), problems);
    }

    @Test
    void aPhaseIsNamedByNameInAnyCaseWithAnOffsetOrByNumberAndAPropertyOverridesTheBuilder() {
        Problems problems = new Problems();
        Map<String, String> properties = new HashMap<>();
        properties.put("exitguard.phaseTimeout.DRAIN", "10s");
        properties.put("exitguard.phaseTimeout.release", "PT2S");
        properties.put("exitguard.phaseTimeout.DEFAULT+5", "1500ms");
        properties.put("exitguard.phaseTimeout.-2000", "1m");
        properties.put("exitguard.deadline", "20s");

        Map<Integer, Duration> budgets = resolve(Map.of(ExitPhase.DRAIN, Duration.ofSeconds(3),
                ExitPhase.TELEMETRY, Duration.ofSeconds(4)), properties, problems);

        assertEquals(List.of(), problems.messages());
        assertEquals(Map.of(ExitPhase.STOP_INTAKE, Duration.ofMinutes(1), ExitPhase.DRAIN, Duration.ofSeconds(10),
                5, Duration.ofMillis(1500), ExitPhase.RELEASE, Duration.ofSeconds(2),
                ExitPhase.TELEMETRY, Duration.ofSeconds(4)), budgets);
        assertEquals(List.of(ExitPhase.STOP_INTAKE, ExitPhase.DRAIN, 5, ExitPhase.RELEASE, ExitPhase.TELEMETRY),
                List.copyOf(budgets.keySet()), "in run order");
    }

    @Test
    void everyBadKeyOrValueIsAProblemNamingTheKey() {
        Problems problems = new Problems();
        Map<String, String> properties = new HashMap<>();
        properties.put("exitguard.phaseTimeout.DRIAN", "10s");
        properties.put("exitguard.phaseTimeout.DRAIN", "banana");
        properties.put("exitguard.phaseTimeout.RELEASE", "0s");
        properties.put("exitguard.phaseTimeout.", "1s");
        properties.put("exitguard.phaseTimeout.DEFAULT", "10");
        properties.put("exitguard.phaseTimeout.TELEMETRY", "1s");
        properties.put("exitguard.phaseTimeout.2000", "2s");
        properties.put("exitguard.phaseTimeout.99999999999", "2s");

        resolve(Map.of(), properties, problems);

        assertEquals(List.of(
                "exitguard.phaseTimeout.: name a phase after the dot, e.g. exitguard.phaseTimeout.DRAIN=10s",
                "exitguard.phaseTimeout.99999999999: [99999999999] is not a phase: it is outside the range of an int",
                "exitguard.phaseTimeout.DEFAULT: [10] has no unit; say which (examples: 25s, 500ms, PT25S)",
                "exitguard.phaseTimeout.DRAIN: cannot read [banana] as a duration (examples: 25s, 500ms, PT25S)",
                "exitguard.phaseTimeout.DRIAN: [DRIAN] is not a phase: give a name (STOP_INTAKE, DRAIN, DEFAULT,"
                        + " RELEASE, TELEMETRY, SHUTDOWN_HOOKS), a name with an offset (DRAIN+10), or a number (-1000)",
                "exitguard.phaseTimeout.RELEASE: must be positive, but was [0s]",
                "exitguard.phaseTimeout.2000 and exitguard.phaseTimeout.TELEMETRY both set the budget of phase"
                        + " TELEMETRY, to 2s and 1s; keep one"), problems.messages(), "sorted by key, each found once");
    }

    @Test
    void aBadPropertyFailsTheInstallAndABadBuilderValueFailsAtOnce() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(terminator, Map.of("exitguard.phaseTimeout.DRAIN", "soon")).build());
        assertTrue(e.getMessage().contains(
                "exitguard.phaseTimeout.DRAIN: cannot read [soon] as a duration (examples: 25s, 500ms, PT25S)"),
                e::getMessage);

        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> ExitGuard.builder().phaseTimeout(ExitPhase.DRAIN, Duration.ZERO));
        assertEquals("phaseTimeout of phase DRAIN: must be positive, but was 0s", zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ExitGuard.builder().phaseTimeout(ExitPhase.DRAIN + 10, Duration.ofSeconds(-1)));
        assertEquals("phaseTimeout of phase DRAIN+10: must not be negative, but was -1s", negative.getMessage());
    }

    /**
     * A bare function (as Spring's {@code Environment} is given) cannot list its names: budgets are
     * asked for by the phases' names, and in any other form as the system properties hold them.
     */
    @Test
    void aFunctionIsAskedForTheBudgetsByThePhasesNamesAndByWhatTheSystemPropertiesHold() {
        String numbered = "exitguard.phaseTimeout.DEFAULT+5";
        Map<String, String> source = Map.of("exitguard.phaseTimeout.DRAIN", "3s", "exitguard.phaseTimeout.release", "4s",
                numbered, "5s");
        String before = System.getProperty(numbered);
        System.setProperty(numbered, "6s");
        try {
            ExitPlan plan = ExitGuard.builder().discoverActions(false).discoverTriggers(false).properties(source::get)
                    .build().plan();

            // The function's value counts; the system property only told that the key exists.
            assertEquals(Map.of(ExitPhase.DRAIN, Duration.ofSeconds(3), 5, Duration.ofSeconds(5)), plan.phaseTimeouts(),
                    "release in lower case is a form only the system properties could reveal");
        } finally {
            if (before == null) {
                System.clearProperty(numbered);
            } else {
                System.setProperty(numbered, before);
            }
        }
    }

    @Test
    void thePlanShowsTheBudgetsAndWarnsOfOneForAPhaseWithoutActions() {
        ExitPlan plan = Guards.isolated(terminator, Map.of("exitguard.phaseTimeout.DRAIN", "10s"))
                .phaseTimeout(ExitPhase.RELEASE + 1, Duration.ofSeconds(2))
                .action(noop("drain-http", ExitPhase.DRAIN))
                .build().plan();

        assertEquals(Map.of(ExitPhase.DRAIN, Duration.ofSeconds(10), ExitPhase.RELEASE + 1, Duration.ofSeconds(2)),
                plan.phaseTimeouts());
        assertTrue(plan.toText().contains("\nphase budgets: DRAIN 10s RELEASE+1 2s\n"), plan::toText);
        assertTrue(plan.toText().contains("\nphase DRAIN (-1000), budget 10s\n  drain-http  from "), plan::toText);
        assertTrue(plan.toJson().contains("\"phaseTimeouts\": [{\"phase\": -1000, \"phaseName\": \"DRAIN\","
                + " \"timeoutMillis\": 10000}, {\"phase\": 1001, \"phaseName\": \"RELEASE+1\", \"timeoutMillis\": 2000}],"),
                plan::toJson);
        assertEquals(List.of("phase RELEASE+1 (1001) has a budget of 2s but no action"), plan.warnings());
    }

    /**
     * The budget ends: the action still running is interrupted with its stack captured, the one
     * waiting for it is skipped, and the next phase begins, long before the deadline.
     */
    @Test
    void whenTheBudgetEndsWhatStillRunsIsCutOffAndTheNextPhaseBegins() {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator).ticker(clock)
                .phaseTimeout(ExitPhase.DRAIN, Duration.ofMillis(200))
                // After quick, so that quick reads the clock before slow moves it.
                .action(action("slow", ExitPhase.DRAIN, c -> {
                    seen.add("slow has " + c.remaining());
                    clock.advance(Duration.ofMillis(200));
                    release.await();
                }, "quick"))
                .action(noop("after-slow", ExitPhase.DRAIN, "slow"))
                .action(action("quick", ExitPhase.DRAIN, Set.of(), Duration.ofMillis(50), c -> seen.add("quick has "
                        + c.remaining())))
                .action(action("next-phase", ExitPhase.DEFAULT, c -> seen.add("next phase has " + c.remaining())))
                .build();
        try {
            ExitReport report = assertTimeoutPreemptively(PATIENCE, () -> guard.runActions(TERM));

            ActionReport slow = report.action("slow").orElseThrow();
            assertEquals(Outcome.TIMED_OUT, slow.outcome(), report::toTable);
            assertEquals("still running when the budget of phase DRAIN (200ms) ran out; interrupted and abandoned",
                    slow.detail());
            assertTrue(slow.stack().orElseThrow().contains("java.util.concurrent.CountDownLatch.await"),
                    report::toTable);
            ActionReport waiting = report.action("after-slow").orElseThrow();
            assertEquals(Outcome.SKIPPED, waiting.outcome());
            assertEquals("not started: the budget of phase DRAIN (200ms) ran out while it waited for [slow]",
                    waiting.detail());
            assertEquals(Outcome.SUCCEEDED, report.outcome("quick").orElseThrow());
            assertEquals(Outcome.SUCCEEDED, report.outcome("next-phase").orElseThrow());
            // The budget bounds what an action is told it has; its own shorter timeout still wins.
            assertTrue(seen.contains("slow has PT0.2S"), seen::toString);
            assertTrue(seen.contains("quick has PT0.05S"), seen::toString);
            assertTrue(seen.contains("next phase has PT24.8S"), seen::toString);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBudgetLongerThanWhatIsLeftOfTheDeadlineLeavesTheDeadlineInCharge() {
        CountDownLatch release = new CountDownLatch(1);
        ExitGuard guard = Guards.isolated(terminator).ticker(clock)
                .deadline(Duration.ofMillis(200))
                .phaseTimeout(ExitPhase.DEFAULT, Duration.ofSeconds(10))
                .action(action("blocks", ExitPhase.DEFAULT, c -> {
                    clock.advance(Duration.ofMillis(200));
                    release.await();
                }))
                .build();
        try {
            ExitReport report = assertTimeoutPreemptively(PATIENCE, () -> guard.runActions(TERM));

            assertEquals("still running at the exit deadline (200ms); interrupted and abandoned",
                    report.action("blocks").orElseThrow().detail());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBudgetIsCountedFromTheStartOfItsPhase() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator).ticker(clock)
                .phaseTimeout(ExitPhase.DEFAULT, Duration.ofSeconds(1))
                .action(action("first-phase", ExitPhase.DRAIN, c -> clock.advance(Duration.ofSeconds(5))))
                .action(action("budgeted", ExitPhase.DEFAULT, c -> seen.add(c.remaining().toString())))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("PT1S"), seen);
        assertTrue(report.allSucceeded(), report::toTable);
    }
}
