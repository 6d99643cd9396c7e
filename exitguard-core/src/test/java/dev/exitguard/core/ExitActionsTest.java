package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ready-made actions and the builder that names a lambda. */
class ExitActionsTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private static ExitReport run(ExitAction... actions) {
        ExitGuard.Builder builder = Guards.isolated(new RecordingTerminator());
        for (ExitAction action : actions) {
            builder.action(action);
        }
        return builder.build().runActions(TERM);
    }

    @Test
    void theBuilderGivesALambdaEveryProperty() {
        ExitAction action = ExitActions.named("flush").phase(ExitPhase.DRAIN).after("a", "b")
                .timeout(Duration.ofSeconds(2)).run(context -> { });

        assertEquals("flush", action.name());
        assertEquals(ExitPhase.DRAIN, action.phase());
        assertEquals(Set.of("a", "b"), action.after());
        assertEquals(Optional.of(Duration.ofSeconds(2)), action.timeout());
        assertTrue(action.toString().startsWith("[flush] runs "), action::toString);
    }

    @Test
    void builderStepsReturnNewBuildersSoOneCanBeShared() {
        ExitActions.Builder base = ExitActions.named("base");
        ExitAction inRelease = base.phase(ExitPhase.RELEASE).run(context -> { });
        ExitAction plain = base.run(context -> { });

        assertEquals(ExitPhase.RELEASE, inRelease.phase());
        assertEquals(ExitPhase.DEFAULT, plain.phase());
    }

    @Test
    void badArgumentsAreRefusedNamingTheAction() {
        assertEquals("an exit action's name must not be blank: [ ]",
                assertThrows(IllegalArgumentException.class, () -> ExitActions.named(" ")).getMessage());
        assertEquals("timeout of [x]: must be positive, but was 0s",
                assertThrows(IllegalArgumentException.class,
                        () -> ExitActions.named("x").timeout(Duration.ZERO)).getMessage());
        assertEquals("after() of [x]: name 1 is null or blank: [a, ]",
                assertThrows(IllegalArgumentException.class, () -> ExitActions.named("x").after("a", "")).getMessage());
        assertEquals("delay of [x]: must not be negative, but was -1s",
                assertThrows(IllegalArgumentException.class,
                        () -> ExitActions.delay("x", Duration.ofSeconds(-1))).getMessage());
    }

    @Test
    void closeClosesInTheReleasePhase() {
        AtomicInteger closed = new AtomicInteger();
        ExitAction action = ExitActions.close("db", closed::incrementAndGet);

        ExitReport report = run(action);

        assertEquals(ExitPhase.RELEASE, action.phase());
        assertEquals(1, closed.get());
        assertTrue(report.allSucceeded());
    }

    @Test
    void aCloseThatThrowsIsAFailure() {
        ExitReport report = run(ExitActions.close("db", () -> {
            throw new java.io.IOException("connection reset");
        }));

        assertEquals("java.io.IOException: connection reset", report.action("db").orElseThrow().error().orElseThrow());
    }

    @Test
    void shutdownLetsRunningTasksFinish() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        pool.submit(() -> {
            started.countDown();
            Thread.sleep(50);
            finished.set(true);
            return null;
        });
        started.await();
        ExitAction action = ExitActions.shutdown("pool", pool);

        ExitReport report = run(action);

        assertEquals(ExitPhase.DRAIN, action.phase());
        assertTrue(report.allSucceeded(), report::toTable);
        assertTrue(finished.get());
        assertTrue(pool.isTerminated());
    }

    @Test
    void shutdownCancelsWhatOutlivesTheTimeAndSaysSo() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        pool.submit(() -> {
            started.countDown();
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        pool.submit(() -> { });
        started.await();

        // The action keeps a tenth of its time for the interrupted tasks to end: 2 s leaves them
        // 180 ms, room enough on a busy machine (300 ms left 27 ms, and under load that failed).
        ExitReport report = run(ExitActions.named("pool").timeout(Duration.ofSeconds(2)).shutdown(pool));

        assertEquals(Outcome.SUCCEEDED, report.outcome("pool").orElseThrow(), report::toTable);
        assertTrue(pool.isTerminated());
        assertTrue(interrupted.get());
    }

    @Test
    void aPoolThatWillNotDieFailsTheActionNamingTheCancelledTasks() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> {
            started.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // deaf to shutdownNow
                }
            }
        });
        pool.submit(() -> { });
        started.await();
        try {
            ExitReport report = run(ExitActions.named("pool").timeout(Duration.ofSeconds(2)).shutdown(pool));

            // The action keeps a tenth of its time (200 ms here) in reserve, so it reports before its timeout fires.
            ExitReport.ActionReport action = report.action("pool").orElseThrow();
            assertEquals(Outcome.FAILED, action.outcome(), report::toTable);
            assertTrue(action.error().orElseThrow().endsWith(
                    "did not terminate in time; 1 queued tasks were cancelled and running ones interrupted"),
                    action.error()::get);
        } finally {
            release.countDown();
        }
    }

    /**
     * On a clock that stands still the action's time left is exactly its timeout, and the timer
     * that enforces the timeout was set before the action began: a delay sleeping all of that time
     * would lose the race to its own timeout. It must end early enough to succeed.
     */
    @Test
    void aDelayLongerThanItsTimeEndsBeforeItsTimeoutAndSucceeds() {
        ExitReport report = Guards.isolated(new RecordingTerminator())
                .ticker(new FakeTicker())
                .action(ExitActions.named("pre-stop").timeout(Duration.ofSeconds(2)).delay(Duration.ofHours(1)))
                .build()
                .runActions(TERM);

        assertEquals(Outcome.SUCCEEDED, report.outcome("pre-stop").orElseThrow(), report::toTable);
    }

    @Test
    void delayWaitsButNeverPastTheTimeTheActionHas() {
        ExitReport report = run(ExitActions.named("pre-stop").timeout(Duration.ofSeconds(1))
                .delay(Duration.ofHours(1)));

        assertEquals(Outcome.SUCCEEDED, report.outcome("pre-stop").orElseThrow(), report::toTable);
        assertEquals(ExitPhase.STOP_INTAKE, ExitActions.delay("x", Duration.ofSeconds(1)).phase());
    }

    @Test
    void delayWaitsItsTime() {
        long began = System.nanoTime();

        ExitReport report = run(ExitActions.delay("pre-stop", Duration.ofMillis(200)));

        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertEquals(Outcome.SUCCEEDED, report.outcome("pre-stop").orElseThrow(), report::toTable);
        // A lower bound only: a sleep never ends early, however busy the machine.
        assertTrue(waitedMillis >= 200, () -> "waited " + waitedMillis + " ms");
        assertTrue(report.action("pre-stop").orElseThrow().duration().compareTo(Duration.ofMillis(200)) >= 0);
    }

    @Test
    void whatTheReadyMadeActionsDoIsInTheirName() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertEquals("[pre-stop] waits 5s", ExitActions.delay("pre-stop", Duration.ofSeconds(5)).toString());
            assertEquals("[pool] shuts down " + pool, ExitActions.shutdown("pool", pool).toString());
            AutoCloseable db = new AutoCloseable() {
                @Override
                public void close() {
                }

                @Override
                public String toString() {
                    return "the database";
                }
            };
            assertEquals("[db] closes the database", ExitActions.close("db", db).toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
