package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Custody under fire: registrant threads add and remove hooks through a stand-in of the JDK's
 * registry ({@link FakeShutdownHooks}, the JDK's own locking) while another thread swaps the custody
 * in, lets the exit take the hooks, takes the rest, releases them, or lets the JVM's shutdown run
 * them, at random moments. Whatever the interleaving, every hook that was added and not removed is
 * started exactly once, by the JVM or by the exit, and none that was removed is; an add is refused
 * only once the hooks have been taken or the JVM's shutdown has begun.
 *
 * <p>Rounds: {@code exitguard.hooks.race.rounds} (300 by default); a failure names its seed, which
 * {@code -Dexitguard.hooks.race.seed=<seed>} runs again.
 */
class HookCustodyRaceTest {

    private static final int REGISTRANTS = 4;
    private static final int OPERATIONS = 25;

    private enum Ending { EXIT_THEN_JVM, JVM_THEN_EXIT, RELEASE_THEN_JVM, NO_CUSTODY }

    @Test
    void everyHookAddedAndNotRemovedStartsExactlyOnceWhateverTheInterleaving() throws Exception {
        int rounds = Integer.getInteger("exitguard.hooks.race.rounds", 300);
        long seed = Long.getLong("exitguard.hooks.race.seed", System.nanoTime());
        Map<String, Integer> tally = new TreeMap<>();
        long began = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            try {
                // Mixed first: java.util.Random's first outputs for neighbouring seeds are nearly the same.
                oneRound(new Random(new SplittableRandom(seed + round).nextLong()), tally);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("seed " + seed + ", round " + round + " (rerun: -Dexitguard.hooks.race.seed="
                        + seed + " with rounds above " + round + "): " + e.getMessage(), e);
            }
        }
        System.out.printf("HookCustodyRaceTest: %d rounds in %.1f s, seed %d; %s%n", rounds,
                (System.nanoTime() - began) / 1e9, seed, tally);
        if (rounds >= 100) {
            // The interleavings that matter were reached: hooks refused, removed, and started both ways.
            for (String reached : List.of("refused", "removed", "started by the JVM", "taken by the exit")) {
                assertTrue(tally.getOrDefault(reached, 0) > 0, "never " + reached + ": " + tally);
            }
        }
    }

    private void oneRound(Random random, Map<String, Integer> tally) throws Exception {
        FakeShutdownHooks.reset();
        HookTable table = FakeShutdownHooks.table();
        Ending ending = Ending.values()[random.nextInt(Ending.values().length)];
        List<Thread> expected = Collections.synchronizedList(new ArrayList<>());
        List<Thread> removed = Collections.synchronizedList(new ArrayList<>());
        int[] refusals = new int[1];
        Thread own = OwnHooks.mark(new Thread(() -> { }, "own"));
        FakeShutdownHooks.add(own);
        expected.add(own);
        for (int i = random.nextInt(4); i > 0; i--) {
            Thread early = new Thread(() -> { }, "early");
            FakeShutdownHooks.add(early);
            expected.add(early);
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> registrants = new ArrayList<>();
        for (int r = 0; r < REGISTRANTS; r++) {
            long registrantSeed = random.nextLong();
            Thread registrant = new Thread(() -> register(new Random(registrantSeed), start, expected, removed,
                    refusals), "registrant-" + r);
            registrant.start();
            registrants.add(registrant);
        }
        List<Thread> startedByJvm = new ArrayList<>();
        List<Thread> takenByExit = new ArrayList<>();
        start.countDown();
        pause(random);
        HookCustody custody = null;
        if (ending != Ending.NO_CUSTODY) {
            synchronized (table.lock()) {
                custody = new HookCustody(table.current());
                table.replace(custody);
            }
        }
        pause(random);
        switch (ending) {
            case EXIT_THEN_JVM:
                synchronized (table.lock()) {
                    takenByExit.addAll(custody.takeForExit(t -> t.getName().endsWith("last"), "the exit has begun"));
                }
                pause(random);
                startedByJvm.addAll(FakeShutdownHooks.runHooks());
                synchronized (table.lock()) {
                    takenByExit.addAll(custody.takeRest("the exit is over"));
                }
                break;
            case JVM_THEN_EXIT:
                // System.exit: the JVM takes its hooks first, then exitguard's hook runs the exit.
                startedByJvm.addAll(FakeShutdownHooks.runHooks());
                pause(random);
                synchronized (table.lock()) {
                    takenByExit.addAll(custody.takeForExit(t -> t.getName().endsWith("last"), "the exit has begun"));
                    takenByExit.addAll(custody.takeRest("the exit is over"));
                }
                break;
            case RELEASE_THEN_JVM:
                synchronized (table.lock()) {
                    table.replace(custody.release());
                }
                pause(random);
                startedByJvm.addAll(FakeShutdownHooks.runHooks());
                break;
            case NO_CUSTODY:
                startedByJvm.addAll(FakeShutdownHooks.runHooks());
                break;
            default:
                throw new AssertionError(ending);
        }
        for (Thread registrant : registrants) {
            registrant.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!registrant.isAlive(), registrant + " is stuck");
        }

        Map<Thread, Integer> runs = new IdentityHashMap<>();
        startedByJvm.forEach(t -> runs.merge(t, 1, Integer::sum));
        takenByExit.forEach(t -> runs.merge(t, 1, Integer::sum));
        for (Map.Entry<Thread, Integer> run : runs.entrySet()) {
            assertEquals(1, run.getValue(), run.getKey() + " ran more than once (" + ending + ")");
        }
        Map<Thread, Boolean> wanted = new IdentityHashMap<>();
        synchronized (expected) {
            expected.forEach(t -> wanted.put(t, true));
        }
        assertEquals(wanted.keySet(), runs.keySet(), "the hooks that ran are not those added and not removed ("
                + ending + ")");
        for (Thread gone : removed) {
            assertTrue(!runs.containsKey(gone), gone + " was removed, yet ran (" + ending + ")");
        }
        assertTrue(startedByJvm.contains(own), "exitguard's own hook must stay with the JVM (" + ending + ")");
        tally.merge("refused", refusals[0], Integer::sum);
        tally.merge("removed", removed.size(), Integer::sum);
        tally.merge("started by the JVM", startedByJvm.size() - 1, Integer::sum);
        tally.merge("ending " + ending, 1, Integer::sum);
        tally.merge("taken by the exit", takenByExit.size(), Integer::sum);
    }

    private static void register(Random random, CountDownLatch start, List<Thread> expected, List<Thread> removed,
            int[] refusals) {
        try {
            start.await();
        } catch (InterruptedException e) {
            return;
        }
        List<Thread> mine = new ArrayList<>();
        for (int i = 0; i < OPERATIONS; i++) {
            if (!mine.isEmpty() && random.nextInt(4) == 0) {
                Thread hook = mine.remove(random.nextInt(mine.size()));
                // Removed (true) means it was still registered, so it must never run; false, that it
                // was already taken: then it still runs.
                synchronized (expected) {
                    try {
                        if (FakeShutdownHooks.remove(hook)) {
                            expected.remove(hook);
                            removed.add(hook);
                        }
                    } catch (IllegalStateException shuttingDown) {
                        // The JVM's shutdown has begun: it has the hook already.
                    }
                }
            } else {
                Thread hook = new Thread(() -> { }, random.nextInt(3) == 0 ? "hook-last" : "hook");
                synchronized (expected) {
                    try {
                        FakeShutdownHooks.add(hook);
                        expected.add(hook);
                        mine.add(hook);
                    } catch (IllegalStateException refused) {
                        synchronized (refusals) {
                            refusals[0]++;
                        }
                    }
                }
            }
            if (random.nextBoolean()) {
                Thread.yield();
            }
        }
    }

    private static void pause(Random random) {
        LockSupport.parkNanos(random.nextInt(300_000));
    }
}
