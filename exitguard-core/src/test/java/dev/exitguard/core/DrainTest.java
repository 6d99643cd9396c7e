package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.testkit.Bounds.PATIENCE;
import static dev.exitguard.testkit.Bounds.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link ExitActions#drain(InFlight)} in a guard's exit: when intake stops, what it waits for, what it reports. */
class DrainTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final InFlight http = InFlight.named("http");

    @Test
    void aDrainIsNamedForItsTrackerAndRunsInDrain() {
        ExitAction drain = ExitActions.drain(http);

        assertEquals("drain-http", drain.name());
        assertEquals(ExitPhase.DRAIN, drain.phase());
        assertEquals("[drain-http] drains InFlight [http]", drain.toString());
        assertEquals("[drain-http] drains InFlight [http], taking work until it starts",
                ExitActions.drain(http, InFlight.StopIntake.WHEN_DRAIN_BEGINS).toString());
        ExitAction custom = ExitActions.named("orders").phase(ExitPhase.DRAIN + 5).timeout(Duration.ofSeconds(3))
                .drain(http);
        assertEquals("orders", custom.name());
        assertEquals(ExitPhase.DRAIN + 5, custom.phase());
    }

    /**
     * Work still in flight when the exit begins is waited for, and reported; the drain's row says
     * how many there were when it began and that none was left.
     */
    @Test
    void theDrainWaitsForWhatIsInFlightAndReportsBothCounts() throws Exception {
        InFlight.Ticket first = http.enter();
        InFlight.Ticket second = http.enter();
        CountDownLatch draining = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(new RecordingTerminator())
                .action(ExitActions.drain(http))
                // Tells the test when the drain waits (it has counted what is in flight), so that it can close the tickets then.
                .action(action("watch", ExitPhase.DRAIN, c -> {
                    while (!drainWaits()) {
                        Thread.sleep(1);
                    }
                    draining.countDown();
                }))
                .action(action("after-drain", ExitPhase.DEFAULT, c -> order.add("after-drain, " + http.count() + " in flight")))
                .build();
        AtomicReference<ExitReport> report = new AtomicReference<>();
        Thread exit = new Thread(() -> report.set(guard.runActions(TERM)));
        exit.start();
        await(draining);

        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, http::enter);
        assertEquals("InFlight [http] takes no new work: its intake was stopped by exit action [drain-http] as the"
                + " exit began (SIGNAL TERM (exit code 143)); 2 still in flight", refused.getMessage());
        order.add("closing the tickets");
        first.close();
        second.close();
        exit.join(PATIENCE.toMillis());

        ActionReport drain = report.get().action("drain-http").orElseThrow();
        assertEquals(Outcome.SUCCEEDED, drain.outcome(), report.get()::toTable);
        assertEquals(Map.of("inFlightAtStart", 2L, "inFlightLeft", 0L), drain.facts());
        assertEquals(List.of("closing the tickets", "after-drain, 0 in flight"), order);
        assertTrue(report.get().toTable().contains("inFlightAtStart=2 inFlightLeft=0"), report.get()::toTable);
        assertTrue(report.get().toJson().contains("\"facts\": {\"inFlightAtStart\": 2, \"inFlightLeft\": 0}"),
                report.get()::toJson);
    }

    /** Whether the drain's thread waits for the count to fall: it has read what is in flight at its start. */
    private static boolean drainWaits() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("exitguard-action-drain-http")
                    && thread.getState() == Thread.State.TIMED_WAITING) {
                return true;
            }
        }
        return false;
    }

    /**
     * By default intake stops the moment the exit begins, before any phase runs: an action of
     * STOP_INTAKE, the first phase, is already refused, and the drain waits for what was admitted
     * before.
     */
    @Test
    void intakeStopsTheMomentTheExitBeginsBeforeAnyPhaseRuns() {
        InFlight.Ticket before = http.enter();
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(new RecordingTerminator())
                .action(action("late-request", ExitPhase.STOP_INTAKE, c -> {
                    try {
                        http.enter();
                        seen.add("admitted during STOP_INTAKE");
                    } catch (RejectedExecutionException e) {
                        seen.add(e.getMessage());
                    }
                    before.close();
                }))
                .action(ExitActions.drain(http))
                .build();
        assertTrue(http.isAccepting());

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("InFlight [http] takes no new work: its intake was stopped by exit action [drain-http]"
                + " as the exit began (SIGNAL TERM (exit code 143)); 1 still in flight"), seen);
        assertEquals(Map.of("inFlightAtStart", 0L, "inFlightLeft", 0L),
                report.action("drain-http").orElseThrow().facts(), report::toTable);
        assertFalse(http.isAccepting());
    }

    /** A guard that holds a drain stops nothing until its exit begins. */
    @Test
    void aDrainStopsNothingBeforeItsExitBegins() {
        ExitGuard guard = Guards.isolated(new RecordingTerminator()).action(ExitActions.drain(http)).build();

        assertTrue(http.isAccepting());
        http.enter().close();
        assertFalse(guard.isExiting());
    }

    /**
     * With {@link InFlight.StopIntake#WHEN_DRAIN_BEGINS}, intake is stopped by the drain, in DRAIN,
     * not when the exit begins: during STOP_INTAKE (a pre-stop pause) work is still taken, and the
     * drain waits for it too.
     */
    @Test
    void workIsStillTakenDuringStopIntakeWhenTheDrainStopsIntakeAndTheDrainWaitsForIt() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(new RecordingTerminator())
                .action(action("late-request", ExitPhase.STOP_INTAKE, c -> {
                    InFlight.Ticket ticket = http.enter();
                    seen.add("admitted during STOP_INTAKE");
                    // Served until the drain waits for it: the drain must have counted it, however slow the machine.
                    Thread closer = new Thread(() -> {
                        try {
                            while (!drainWaits()) {
                                Thread.sleep(1);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        seen.add("served");
                        ticket.close();
                    });
                    closer.start();
                }))
                .action(ExitActions.drain(http, InFlight.StopIntake.WHEN_DRAIN_BEGINS))
                .build();

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("admitted during STOP_INTAKE", "served"), seen);
        ActionReport drain = report.action("drain-http").orElseThrow();
        assertEquals(Outcome.SUCCEEDED, drain.outcome(), report::toTable);
        assertEquals(Map.of("inFlightAtStart", 1L, "inFlightLeft", 0L), drain.facts());
        assertThrows(RejectedExecutionException.class, http::enter);
    }

    @Test
    void whenItsTimeIsUpTheDrainFailsSayingHowManyAreLeftAndTheWorkRunsOn() {
        InFlight.Ticket stuck = http.enter();
        ExitGuard guard = Guards.isolated(new RecordingTerminator())
                // Generous: the drain ends a tenth of its time early (200 ms here), and a loaded machine
                // can hold a thread that long after its wait is over.
                .action(ExitActions.named("drain-http").phase(ExitPhase.DRAIN).timeout(Duration.ofSeconds(2)).drain(http))
                .action(action("next", ExitPhase.DEFAULT, c -> { }))
                .build();

        ExitReport report = guard.runActions(TERM);

        ActionReport drain = report.action("drain-http").orElseThrow();
        // It ends by itself, a tenth of its time early: a failure with its counts, not a timeout.
        assertEquals(Outcome.FAILED, drain.outcome(), report::toTable);
        assertEquals("java.util.concurrent.TimeoutException: 1 of 1 units of InFlight [http] still in flight when"
                + " the drain's time was up; they run on, not waited for", drain.error().orElseThrow());
        assertEquals(Map.of("inFlightAtStart", 1L, "inFlightLeft", 1L), drain.facts());
        assertEquals(Outcome.SUCCEEDED, report.outcome("next").orElseThrow());
        assertEquals(1, http.count(), "exitguard does not cut the work short");
        stuck.close();
    }

    @Test
    void aPhaseBudgetBoundsTheDrainWhichStillEndsByItselfWithItsCounts() {
        InFlight.Ticket stuck = http.enter();
        ExitGuard guard = Guards.isolated(new RecordingTerminator())
                // Generous, as above.
                .phaseTimeout(ExitPhase.DRAIN, Duration.ofSeconds(2))
                .action(ExitActions.drain(http))
                .build();

        ExitReport report = guard.runActions(TERM);

        ActionReport drain = report.action("drain-http").orElseThrow();
        assertEquals(Outcome.FAILED, drain.outcome(), report::toTable);
        assertEquals(Map.of("inFlightAtStart", 1L, "inFlightLeft", 1L), drain.facts());
        assertTrue(drain.duration().compareTo(Duration.ofSeconds(2)) < 0, report::toTable);
        stuck.close();
    }

    @Test
    void aDrainOfAnIdleTrackerReturnsAtOnceAndStillStopsIntake() {
        ExitReport report = Guards.isolated(new RecordingTerminator()).action(ExitActions.drain(http)).build()
                .runActions(TERM);

        assertEquals(Map.of("inFlightAtStart", 0L, "inFlightLeft", 0L), report.action("drain-http").orElseThrow().facts());
        assertFalse(http.isAccepting());
    }

    /**
     * A tracker belongs to no guard: stopped by hand before the exit, each drain of it waits for
     * what is in flight when it begins; two guards draining one tracker both wait for the same work.
     */
    @Test
    void twoGuardsDrainingOneTrackerBothWaitForItsWork() throws Exception {
        InFlight.Ticket ticket = http.enter();
        http.stopIntake();
        List<AtomicReference<ExitReport>> reports = new ArrayList<>();
        List<Thread> exits = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            ExitGuard guard = Guards.isolated(new RecordingTerminator())
                    .action(ExitActions.named("drain-" + name).phase(ExitPhase.DRAIN).drain(http)).build();
            AtomicReference<ExitReport> report = new AtomicReference<>();
            Thread exit = new Thread(() -> report.set(guard.runActions(TERM)));
            exit.start();
            reports.add(report);
            exits.add(exit);
        }
        Thread.sleep(50);
        assertTrue(exits.get(0).isAlive() && exits.get(1).isAlive(), "both drains wait for the ticket");

        ticket.close();
        for (Thread exit : exits) {
            exit.join(PATIENCE.toMillis());
        }

        assertEquals(Map.of("inFlightAtStart", 1L, "inFlightLeft", 0L),
                reports.get(0).get().action("drain-first").orElseThrow().facts());
        assertEquals(Map.of("inFlightAtStart", 1L, "inFlightLeft", 0L),
                reports.get(1).get().action("drain-second").orElseThrow().facts());
        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, http::enter);
        assertTrue(refused.getMessage().contains("stopped by InFlight.stopIntake()"), refused::getMessage);
    }

    @Test
    void twoDrainsOfTrackersWithOneNameInOneGuardAreADuplicateAtInstall() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> Guards.isolated(new RecordingTerminator())
                        .action(ExitActions.drain(http))
                        .action(ExitActions.drain(InFlight.named("http")))
                        .build());

        assertTrue(e.getMessage().contains("[drain-http]"), e::getMessage);
    }
}
