package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Thousands of threads entering one {@link InFlight} while an exit drains it, round after round:
 * every unit admitted is counted and waited for (none is still in flight once a drain has
 * returned, and every drain leaves none), and none is admitted once a refusal has been seen or
 * intake was seen stopped, nor after the stop at all (a watcher sees the count rise then). Each round picks, from its seed, one of three ways the intake ends: one
 * guard's drain, two guards draining at once, or {@link InFlight#stopIntake()} by hand racing a
 * drain.
 *
 * <p>System properties: {@code exitguard.inflight.rounds} (3 by default; the soak in
 * docs/testing.md runs more), {@code exitguard.inflight.threads} (2,000), and
 * {@code exitguard.inflight.seed} to rerun a failure, whose seed and round it names.
 */
class InFlightRaceTest {

    /** Generous: only reached when something hangs. */
    private static final long PATIENCE_SECONDS = 60;
    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private enum Ending { ONE_DRAIN, TWO_DRAINS, STOPPED_BY_HAND }

    @Test
    void everyAdmittedUnitIsWaitedForAndNoneIsAdmittedAfterTheRefusal() throws Exception {
        int rounds = Integer.getInteger("exitguard.inflight.rounds", 3);
        int threads = Integer.getInteger("exitguard.inflight.threads", 2_000);
        long seed = Long.getLong("exitguard.inflight.seed", System.nanoTime());
        Map<String, AtomicLong> tally = new ConcurrentHashMap<>();
        long began = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            String where = "seed " + seed + ", round " + round + " (rerun with -Dexitguard.inflight.seed=" + seed + ")";
            // Each round's log (the exit reports) is kept off the console, and dropped with the round.
            try (CapturedLog log = new CapturedLog()) {
                oneRound(new Random(seed + round), threads, where, tally);
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
        System.out.println("in-flight race: " + rounds + " rounds of " + threads + " threads in " + seconds + " s, seed "
                + seed + ": " + new java.util.TreeMap<>(tally));
    }

    private static void oneRound(Random random, int threadCount, String where, Map<String, AtomicLong> tally)
            throws Exception {
        InFlight tracker = InFlight.named("race");
        Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
        AtomicBoolean refusalSeen = new AtomicBoolean();
        AtomicInteger drainsReturned = new AtomicInteger();
        AtomicLong admitted = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<String> violations = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(threadCount);
        for (int i = 0; i < threadCount; i++) {
            long threadSeed = random.nextLong();
            Thread thread = new Thread(() -> enterUntilRefused(tracker, new Random(threadSeed), go, refusalSeen,
                    drainsReturned, admitted, closed, refused, violations), "in-flight-race-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        AtomicBoolean over = new AtomicBoolean();
        AtomicLong highestAfterStop = new AtomicLong(-1);
        Thread watcher = new Thread(() -> watchTheCountFall(tracker, over, highestAfterStop, violations),
                "in-flight-race-watcher");
        watcher.setDaemon(true);
        watcher.start();
        go.countDown();
        // Some rounds begin the exit at once, while threads are still starting; others under full load.
        Thread.sleep(random.nextInt(30));

        List<ExitGuard> guards = new ArrayList<>();
        for (int g = 0; g < (ending == Ending.TWO_DRAINS ? 2 : 1); g++) {
            guards.add(Guards.isolated(new RecordingTerminator())
                    // The drain stops intake itself, so that its row holds the count at the stop this
                    // round checks; a stop as the exit begins is the same InFlight.stop.
                    .action(ExitActions.named("drain-" + g).phase(ExitPhase.DRAIN)
                            .drain(tracker, InFlight.StopIntake.WHEN_DRAIN_BEGINS))
                    // Starts once the drain has returned: from then on, no unit may still be in flight.
                    .action(ExitActions.named("after-drain").run(context -> drainsReturned.incrementAndGet()))
                    .build());
        }
        List<Thread> exits = new ArrayList<>();
        List<AtomicReference<ExitReport>> reports = new ArrayList<>();
        for (ExitGuard guard : guards) {
            AtomicReference<ExitReport> report = new AtomicReference<>();
            Thread exit = new Thread(() -> report.set(guard.runActions(TERM)), "in-flight-race-exit");
            reports.add(report);
            exits.add(exit);
        }
        for (Thread exit : exits) {
            exit.start();
        }
        long countAtStop = -1;
        if (ending == Ending.STOPPED_BY_HAND) {
            countAtStop = tracker.stop("the test");
        }
        for (Thread exit : exits) {
            exit.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertTrue(!exit.isAlive(), "an exit hung; " + where);
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertTrue(!thread.isAlive(), thread.getName() + " never saw a refusal; " + where);
        }
        over.set(true);
        watcher.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));

        assertEquals(List.of(), violations, where);
        assertEquals(admitted.get(), closed.get(), "every admitted unit ended; " + where);
        assertEquals(threadCount, refused.get(), "each thread ends with one refusal; " + where);
        assertEquals(0, tracker.count(), where);
        for (int g = 0; g < reports.size(); g++) {
            ExitReport report = reports.get(g).get();
            ActionReport drain = report.action("drain-" + g).orElseThrow();
            assertEquals(Outcome.SUCCEEDED, drain.outcome(), () -> where + "\n" + report.toTable());
            assertEquals(0, drain.number("inFlightLeft").orElseThrow(), () -> where + "\n" + report.toTable());
            long atStart = drain.number("inFlightAtStart").orElseThrow();
            assertTrue(atStart >= 0 && atStart <= admitted.get(), () -> where + "\n" + report.toTable());
            // Whoever stopped intake saw the count at the stop; a drain that began later saw no more.
            countAtStop = Math.max(countAtStop, atStart);
            tally.computeIfAbsent("in flight when a drain began", k -> new AtomicLong()).addAndGet(atStart);
        }
        long stopped = countAtStop;
        assertTrue(highestAfterStop.get() <= stopped, () -> "after intake was stopped with " + stopped + " in flight,"
                + " the count rose to " + highestAfterStop.get() + "; " + where);
        tally.computeIfAbsent("rounds " + ending, k -> new AtomicLong()).incrementAndGet();
        tally.computeIfAbsent("units admitted", k -> new AtomicLong()).addAndGet(admitted.get());
        tally.computeIfAbsent("entries refused", k -> new AtomicLong()).addAndGet(refused.get());
    }

    /**
     * One thread enters while another stops intake, at the same instant, try after try (both wait
     * at a spinning barrier before each): the enter is either admitted and counted by the stop, or
     * refused and not counted. An enter admitted but missing from the stop's count is a unit the
     * drain would not wait for. Both allowed outcomes must occur, or the race was never run.
     * {@code exitguard.inflight.tries} sets the number of tries (20,000).
     */
    @Test
    void anEnterRacingTheStopIsEitherCountedByItOrRefused() throws Exception {
        int tries = Integer.getInteger("exitguard.inflight.tries", 20_000);
        InFlight[] trackers = new InFlight[tries];
        for (int i = 0; i < tries; i++) {
            trackers[i] = InFlight.named("try-" + i);
        }
        boolean[] admitted = new boolean[tries];
        long[] countedAtStop = new long[tries];
        AtomicInteger arrived = new AtomicInteger();
        Thread enterer = new Thread(() -> {
            for (int i = 0; i < tries; i++) {
                meet(arrived, i);
                try {
                    trackers[i].enter();
                    admitted[i] = true;
                } catch (RejectedExecutionException e) {
                    admitted[i] = false;
                }
            }
        }, "in-flight-race-enterer");
        Thread stopper = new Thread(() -> {
            for (int i = 0; i < tries; i++) {
                meet(arrived, i);
                countedAtStop[i] = trackers[i].stop("the test");
            }
        }, "in-flight-race-stopper");
        enterer.start();
        stopper.start();
        enterer.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        stopper.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        assertTrue(!enterer.isAlive() && !stopper.isAlive(), "the tries hung");

        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < tries; i++) {
            outcomes.merge((admitted[i] ? "admitted" : "refused") + ", counted " + countedAtStop[i], 1, Integer::sum);
        }
        System.out.println("in-flight race, enter against stop: " + tries + " tries: " + outcomes);
        assertEquals(java.util.Set.of("admitted, counted 1", "refused, counted 0"), outcomes.keySet(),
                "outcomes of " + tries + " tries: " + outcomes);
    }

    /** A spinning barrier for two threads: returns once both have arrived for try {@code i}. */
    private static void meet(AtomicInteger arrived, int i) {
        arrived.incrementAndGet();
        int target = 2 * (i + 1);
        while (arrived.get() < target) {
            Thread.onSpinWait();
        }
    }

    /**
     * Once intake is seen stopped, the count may only fall, and never above what it was at the stop:
     * a unit admitted after the stop would raise it. Read over and over until the round is over.
     */
    private static void watchTheCountFall(InFlight tracker, AtomicBoolean over, AtomicLong highest,
            List<String> violations) {
        long last = Long.MAX_VALUE;
        while (!over.get()) {
            if (!tracker.isAccepting()) {
                long now = tracker.count();
                highest.accumulateAndGet(now, Math::max);
                if (now > last) {
                    violations.add("the count rose from " + last + " to " + now + " after intake was stopped");
                    return;
                }
                last = now;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Enters, works a little (sometimes not at all, sometimes a millisecond, so that units are in
     * flight when intake stops), and leaves, until refused; checks the promises on the way.
     */
    private static void enterUntilRefused(InFlight tracker, Random random, CountDownLatch go, AtomicBoolean refusalSeen,
            AtomicInteger drainsReturned, AtomicLong admitted, AtomicLong closed, AtomicLong refused,
            List<String> violations) {
        try {
            go.await();
        } catch (InterruptedException e) {
            violations.add(Thread.currentThread().getName() + " was interrupted");
            return;
        }
        while (true) {
            boolean refusalSeenBefore = refusalSeen.get();
            boolean stoppedBefore = !tracker.isAccepting();
            InFlight.Ticket ticket;
            try {
                ticket = tracker.enter();
            } catch (RejectedExecutionException e) {
                refusalSeen.set(true);
                refused.incrementAndGet();
                return;
            }
            admitted.incrementAndGet();
            if (refusalSeenBefore || stoppedBefore) {
                violations.add("admitted after " + (refusalSeenBefore ? "a refusal was seen" : "intake was seen stopped"));
            }
            int work = random.nextInt(10);
            if (work == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            } else if (work < 3) {
                Thread.yield();
            }
            if (drainsReturned.get() > 0) {
                violations.add("a unit was still in flight after a drain had returned");
            }
            ticket.close();
            closed.incrementAndGet();
        }
    }
}
