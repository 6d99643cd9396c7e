package dev.exitguard.core;

import static dev.exitguard.testkit.Bounds.PATIENCE;
import static dev.exitguard.testkit.Bounds.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The tracker alone: counting, stopping intake, refusing, waiting. */
class InFlightTest {

    private final InFlight http = InFlight.named("http");

    @Test
    void aTicketCountsUntilItIsClosedAndASecondCloseDoesNothing() {
        InFlight.Ticket first = http.enter();
        InFlight.Ticket second = http.enter();
        assertEquals(2, http.count());
        assertEquals("InFlight[http, 2 in flight, accepting]", http.toString());
        assertEquals("InFlight.Ticket[http]", first.toString());

        first.close();
        first.close();

        assertEquals(1, http.count());
        assertEquals("InFlight.Ticket[http, closed]", first.toString());
        second.close();
        assertEquals(0, http.count());
    }

    @Test
    void onceIntakeIsStoppedEnteringIsRefusedNamingTheTrackerAndWhatStoppedIt() {
        InFlight.Ticket inside = http.enter();

        assertTrue(http.stopIntake());
        assertFalse(http.stopIntake(), "intake was already stopped");

        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, http::enter);
        assertEquals("InFlight [http] takes no new work: its intake was stopped by InFlight.stopIntake(); 1 still in"
                + " flight", refused.getMessage());
        assertFalse(http.isAccepting());
        assertEquals(1, http.count(), "a refusal is not counted");
        assertEquals("InFlight[http, 1 in flight, intake stopped]", http.toString());
        inside.close();
        assertEquals(0, http.count(), "work admitted before the stop ends as usual");
        assertThrows(RejectedExecutionException.class, http::enter, "intake never reopens");
    }

    @Test
    void stoppingTellsHowManyWereInFlightAtThatInstantAndOnlyTheFirstStopperIsNamed() {
        http.enter();
        http.enter();

        assertEquals(2, http.stop("exit action [drain-http]"));
        assertEquals(-1, http.stop("someone else"));

        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, http::enter);
        assertTrue(refused.getMessage().contains("stopped by exit action [drain-http];"), refused::getMessage);
    }

    @Test
    void awaitingAnEmptyTrackerReturnsAtOnceAndAFullOneRunsOutOfTime() throws InterruptedException {
        assertTrue(http.awaitEmpty(Duration.ZERO));
        try (InFlight.Ticket ticket = http.enter()) {
            assertFalse(http.awaitEmpty(Duration.ofMillis(20)));
            assertFalse(http.awaitEmpty(Duration.ZERO));
        }
        assertTrue(http.awaitEmpty(Duration.ZERO));
    }

    @Test
    void theLastTicketClosedOnAnotherThreadWakesTheWaiterWhetherOrNotIntakeIsStopped() throws Exception {
        for (boolean stopped : new boolean[] {false, true}) {
            InFlight tracker = InFlight.named("jobs");
            InFlight.Ticket first = tracker.enter();
            InFlight.Ticket second = tracker.enter();
            if (stopped) {
                tracker.stopIntake();
            }
            AtomicReference<Boolean> emptied = new AtomicReference<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                waiting.countDown();
                try {
                    emptied.set(tracker.awaitEmpty(PATIENCE));
                } catch (InterruptedException e) {
                    emptied.set(null);
                }
            });
            waiter.start();
            await(waiting);
            first.close();
            second.close();
            waiter.join(PATIENCE.toMillis() * 2);

            assertEquals(Boolean.TRUE, emptied.get(), "stopped: " + stopped);
        }
    }

    @Test
    void anInterruptedWaitThrowsAndLeavesTheCountAlone() {
        http.enter();
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> http.awaitEmpty(PATIENCE));
        assertEquals(1, http.count());
    }

    @Test
    void badArgumentsAreRefusedNamingTheValue() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> InFlight.named(" "));
        assertEquals("an InFlight's name must not be blank: [ ]", blank.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> http.awaitEmpty(Duration.ofMillis(-1)));
        assertEquals("limit: must not be negative, but was -1ms", negative.getMessage());
        assertEquals("http", http.name());
    }

    @Test
    void nullIsRefusedEverywhere() {
        NullPointerTester tester = new NullPointerTester().setDefault(Duration.class, Duration.ZERO);
        tester.testAllPublicStaticMethods(InFlight.class);
        tester.testAllPublicInstanceMethods(http);
    }
}
