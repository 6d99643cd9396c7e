package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads registering, unregistering and asking for the exit at once, round after round:
 * nothing registered before the exit began is lost, nothing runs twice, nothing hangs, and every
 * refused registration gets the clear error. The number of rounds is the system property
 * {@code exitguard.race.rounds} (a longer soak: {@code -Dexitguard.race.rounds=20000}).
 */
class RaceTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 12;
    private static final long PATIENCE_SECONDS = 30;

    @AfterEach
    void uninstall() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    @Test
    void nothingLostNothingTwiceNothingHung() throws Exception {
        int rounds = Integer.getInteger("exitguard.race.rounds", 300);
        long seed = Long.getLong("exitguard.race.seed", System.nanoTime());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < rounds; round++) {
                oneRound(threads, new Random(seed + round), "seed " + seed + ", round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void oneRound(ExecutorService threads, Random random, String where) throws Exception {
        RecordingTerminator terminator = new RecordingTerminator();
        FakeTrigger trigger = new FakeTrigger("race");
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Set<String> registered = ConcurrentHashMap.newKeySet();
        Set<String> unregistered = ConcurrentHashMap.newKeySet();
        List<String> refusals = new CopyOnWriteArrayList<>();
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ZERO)
                .install();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long threadSeed = random.nextLong();
            int thread = t;
            done.add(threads.submit(() -> {
                Random mine = new Random(threadSeed);
                List<ExitRegistration> mineRegistered = new ArrayList<>();
                start.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                for (int i = 0; i < OPERATIONS; i++) {
                    int choice = mine.nextInt(100);
                    if (choice < 60) {
                        String name = "t" + thread + "-" + i;
                        AtomicInteger counter = runs.computeIfAbsent(name, n -> new AtomicInteger());
                        try {
                            mineRegistered.add(guard.register(Actions.action(name, mine.nextInt(3) * 1000,
                                    c -> counter.incrementAndGet())));
                            registered.add(name);
                        } catch (IllegalStateException refused) {
                            refusals.add(refused.getMessage());
                        }
                    } else if (choice < 75 && !mineRegistered.isEmpty()) {
                        ExitRegistration registration = mineRegistered.remove(mine.nextInt(mineRegistered.size()));
                        if (registration.unregister()) {
                            unregistered.add(registration.name());
                        }
                    } else if (choice < 85) {
                        trigger.fire(mine.nextBoolean() ? ExitReason.signal("TERM", 15) : ExitReason.signal("INT", 2));
                    } else if (choice < 93) {
                        guard.runActions(ExitReason.programmatic(5));
                    } else {
                        guard.exit(6);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
        ExitReport report = guard.runActions(ExitReason.programmatic(0));
        SchedulingTest.awaitTrue(() -> !terminator.calls.isEmpty() || report.reason().kind() != ExitReason.Kind.SIGNAL,
                where + ": a signal exit never ended the process");
        guard.uninstall();

        Set<String> expected = new TreeSet<>(registered);
        expected.removeAll(unregistered);
        Set<String> reported = new TreeSet<>();
        report.actions().forEach(action -> reported.add(action.name()));
        assertEquals(expected, reported, where + ": the report holds exactly what was registered before the exit");
        for (Map.Entry<String, AtomicInteger> entry : runs.entrySet()) {
            int expectedRuns = expected.contains(entry.getKey()) ? 1 : 0;
            assertEquals(expectedRuns, entry.getValue().get(), where + ": runs of " + entry.getKey());
        }
        assertTrue(report.allSucceeded(), where);
        for (String refusal : refusals) {
            assertTrue(refusal.startsWith("cannot register exit action [t") && refusal.contains(
                    "the exit has already begun"), where + ": " + refusal);
        }
    }
}
