package dev.exitguard.core;

import static dev.exitguard.testkit.Bounds.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads registering (with {@code after()} edges to each other's actions), unregistering,
 * and asking for the exit at once, round after round, by every path: a trigger's signal, a second
 * signal that halts, {@code runActions}, {@code exit}, and the guard's JVM shutdown hook. Some
 * actions hang past their timeout, some ignore the interrupt and are abandoned. Nothing registered
 * before the exit began is lost, nothing runs twice, nothing starts before what it is after,
 * nothing hangs, every refused registration gets the clear error, and every halt says why.
 *
 * <p>The number of rounds is the system property {@code exitguard.race.rounds} (300 by default);
 * the soak in docs/testing.md runs 20,000. A failure names the seed and the round; rerun it with
 * {@code -Dexitguard.race.seed=<seed>}.
 */
class RaceTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS = 12;
    /** Generous: only reached when something hangs. */
    private static final long PATIENCE_SECONDS = 30;
    private static final int[] PHASES = {ExitPhase.DRAIN, ExitPhase.DEFAULT, ExitPhase.RELEASE};
    private static final Pattern NAME = Pattern.compile("t\\d+-\\d+-(quick|hang|deaf)-p(-?\\d+)");
    private static final Pattern HALT = Pattern.compile(
            "exitguard: second signal (INT|TERM) while exiting; halting now with exit code (130|143)");
    private static final String NOT_STARTED = "(its thread had not yet started it)";

    @AfterEach
    void uninstall() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    @Test
    void nothingLostNothingTwiceNothingHung() throws Exception {
        int rounds = Integer.getInteger("exitguard.race.rounds", 300);
        long seed = Long.getLong("exitguard.race.seed", System.nanoTime());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        PrintStream stderr = System.err;
        long began = System.nanoTime();
        Map<String, AtomicInteger> tally = new ConcurrentHashMap<>();
        try {
            for (int round = 0; round < rounds; round++) {
                // Each round's log is kept off the console, and dropped with the round.
                try (CapturedLog log = new CapturedLog()) {
                    oneRound(threads, new Random(seed + round), "seed " + seed + ", round " + round, tally);
                }
            }
        } finally {
            System.setErr(stderr);
            threads.shutdownNow();
        }
        System.out.printf("RaceTest: %d rounds in %.1f s, seed %d, failures 0; %s%n", rounds,
                (System.nanoTime() - began) / 1e9, seed, new TreeMap<>(tally));
        if (rounds >= 100) {
            // The mix must keep reaching every path, or a passing run proves little.
            for (String seen : List.of("first: signal", "first: runActions", "first: exit", "first: JVM hook",
                    "refused", "unregistered", "halted", "timed out", "never started or abandoned")) {
                assertTrue(tally.containsKey(seen), () -> "no round had [" + seen + "]: " + tally);
            }
        }
    }

    private void oneRound(ExecutorService threads, Random random, String where, Map<String, AtomicInteger> tally)
            throws Exception {
        RecordingTerminator terminator = new RecordingTerminator();
        FakeTrigger trigger = new FakeTrigger("race");
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Long> ended = new ConcurrentHashMap<>();
        Map<String, Set<String>> afters = new ConcurrentHashMap<>();
        AtomicLong clock = new AtomicLong();
        List<String> everRegistered = new CopyOnWriteArrayList<>();
        Set<String> registered = ConcurrentHashMap.newKeySet();
        Set<String> unregistered = ConcurrentHashMap.newKeySet();
        List<String> refusals = new CopyOnWriteArrayList<>();
        CountDownLatch releaseDeaf = new CountDownLatch(1);
        // A timer of this round's own: the JVM-hook path leaves its watchdog scheduled, as it may
        // in a JVM that is going away; shutting this timer down drops it.
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Workers.daemons("race-timer-"));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        ExitGuard guard = Guards.isolated(terminator)
                .trigger(trigger)
                .duplicateSignalWindow(Duration.ZERO)
                .workers(Workers.shared(), timer)
                .install();
        Thread jvmHook = Guards.shutdownHook(guard);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                long threadSeed = random.nextLong();
                int thread = t;
                done.add(threads.submit(() -> {
                    Random mine = new Random(threadSeed);
                    List<ExitRegistration> mineRegistered = new ArrayList<>();
                    start.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    for (int i = 0; i < OPERATIONS; i++) {
                        int choice = mine.nextInt(1000);
                        if (choice < 700) {
                            String kind = choice < 560 ? "quick" : choice < 650 ? "hang" : "deaf";
                            int phase = PHASES[mine.nextInt(PHASES.length)];
                            String name = "t" + thread + "-" + i + "-" + kind + "-p" + phase;
                            AtomicInteger counter = runs.computeIfAbsent(name, n -> new AtomicInteger());
                            Set<String> after = pickTargets(everRegistered, phase, mine);
                            afters.put(name, after);
                            try {
                                mineRegistered.add(guard.register(Actions.action(name, phase, after,
                                        kind.equals("quick") ? null : Duration.ofMillis(1 + mine.nextInt(4)),
                                        context -> {
                                            counter.incrementAndGet();
                                            started.put(name, clock.incrementAndGet());
                                            behave(kind, releaseDeaf);
                                            ended.put(name, clock.incrementAndGet());
                                        })));
                                registered.add(name);
                                everRegistered.add(name);
                            } catch (IllegalStateException refused) {
                                refusals.add(refused.getMessage());
                            }
                        } else if (choice < 950) {
                            if (!mineRegistered.isEmpty()) {
                                ExitRegistration registration = mineRegistered.remove(mine.nextInt(mineRegistered.size()));
                                if (registration.unregister()) {
                                    unregistered.add(registration.name());
                                }
                            }
                        } else if (choice < 965) {
                            trigger.fire(mine.nextBoolean() ? ExitReason.signal("TERM", 15) : ExitReason.signal("INT", 2));
                        } else if (choice < 975) {
                            guard.runActions(ExitReason.programmatic(5));
                        } else if (choice < 985) {
                            guard.exit(6);
                        } else if (choice < 995) {
                            // What the JVM does when System.exit is called elsewhere.
                            jvmHook.run();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
            ExitReport report = guard.runActions(ExitReason.programmatic(0));
            if (report.reason().kind() == ExitReason.Kind.SIGNAL) {
                // The exit thread ends the process just after the report is out.
                String exit = "exit " + report.reason().exitCode().getAsInt();
                awaitTrue(() -> terminator.calls.contains(exit),
                        where + ": a signal exit never ended the process: " + terminator.calls);
            }
            guard.uninstall();

            check(report, where, runs, started, ended, afters, registered, unregistered, refusals);
            checkTerminatorAndHalts(report, terminator.calls, stderr.toString(StandardCharsets.UTF_8), where);
            count(tally, "first: " + firstPath(report.reason()), 1);
            count(tally, "refused", refusals.size());
            count(tally, "unregistered", unregistered.size());
            count(tally, "halted", terminator.calls.stream().filter(call -> call.startsWith("halt ")).count());
            count(tally, "timed out", report.count(Outcome.TIMED_OUT));
            count(tally, "never started or abandoned", report.actions().stream()
                    .filter(a -> a.stack().filter(NOT_STARTED::equals).isPresent() || kindOf(a.name()).equals("deaf"))
                    .count());
            count(tally, "actions run", runs.values().stream().mapToInt(AtomicInteger::get).sum());
        } finally {
            releaseDeaf.countDown();
            timer.shutdownNow();
        }
    }

    private static void check(ExitReport report, String where, Map<String, AtomicInteger> runs,
            Map<String, Long> started, Map<String, Long> ended, Map<String, Set<String>> afters, Set<String> registered, Set<String> unregistered,
            List<String> refusals) {
        Set<String> expected = new TreeSet<>(registered);
        expected.removeAll(unregistered);
        Set<String> reported = new TreeSet<>();
        report.actions().forEach(action -> reported.add(action.name()));
        assertEquals(expected, reported, where + ": the report holds exactly what was registered before the exit");
        for (Map.Entry<String, AtomicInteger> entry : runs.entrySet()) {
            String name = entry.getKey();
            // An action whose short timeout ran out before a worker thread picked it up never runs.
            boolean ran = expected.contains(name)
                    && report.action(name).orElseThrow().stack().filter(NOT_STARTED::equals).isEmpty();
            assertEquals(ran ? 1 : 0, entry.getValue().get(), where + ": runs of " + name);
        }
        for (ActionReport action : report.actions()) {
            String kind = kindOf(action.name());
            assertEquals(kind.equals("quick") ? Outcome.SUCCEEDED : Outcome.TIMED_OUT, action.outcome(),
                    () -> where + ": " + action.name() + "\n" + report.toTable());
            for (ActionReport before : report.actions()) {
                boolean waits = before.phase() < action.phase() || afters.get(action.name()).contains(before.name());
                if (!waits) {
                    continue;
                }
                assertTrue(action.start().compareTo(before.start().plus(before.duration())) >= 0,
                        () -> where + ": " + action.name() + " started before " + before.name() + " was settled\n"
                                + report.toTable());
                if (kindOf(before.name()).equals("quick") && started.containsKey(action.name())) {
                    assertTrue(ended.get(before.name()) < started.get(action.name()),
                            () -> where + ": " + action.name() + " started before " + before.name() + " returned");
                }
            }
        }
        for (String refusal : refusals) {
            assertTrue(refusal.startsWith("cannot register exit action [t") && refusal.contains(
                    "the exit has already begun"), where + ": " + refusal);
        }
    }

    /**
     * The first exit's code reaches the terminator once, if a trigger began it; every halt is a
     * second signal's, with its code, and each is explained on standard error.
     */
    private static void checkTerminatorAndHalts(ExitReport report, List<String> calls, String stderr, String where) {
        if (report.reason().kind() == ExitReason.Kind.SIGNAL) {
            String first = "exit " + report.reason().exitCode().getAsInt();
            assertEquals(1, calls.stream().filter(first::equals).count(), where + ": " + calls);
        }
        long halts = 0;
        for (String call : calls) {
            assertTrue(call.matches("exit (6|130|143)|halt (130|143)"), where + ": " + calls);
            if (call.startsWith("halt ")) {
                halts++;
            }
        }
        Matcher matcher = HALT.matcher(stderr);
        long explained = 0;
        while (matcher.find()) {
            explained++;
        }
        assertEquals(halts, explained, where + ": every halt explains itself on standard error:\n" + stderr);
    }

    /** Up to two actions registered earlier, in this phase or an earlier one: never a cycle, never a later phase. */
    private static Set<String> pickTargets(List<String> everRegistered, int phase, Random random) {
        List<String> candidates = everRegistered.stream().filter(name -> phaseOf(name) <= phase).toList();
        Set<String> targets = new TreeSet<>();
        for (int k = random.nextInt(3); k > 0 && !candidates.isEmpty(); k--) {
            targets.add(candidates.get(random.nextInt(candidates.size())));
        }
        return Set.copyOf(targets);
    }

    private static String firstPath(ExitReason reason) {
        switch (reason.kind()) {
            case SIGNAL:
                return "signal";
            case JVM_SHUTDOWN:
                return "JVM hook";
            default:
                int code = reason.exitCode().getAsInt();
                return code == 5 ? "runActions" : code == 6 ? "exit" : "none before the end of the round";
        }
    }

    private static void count(Map<String, AtomicInteger> tally, String what, long howMany) {
        if (howMany > 0) {
            tally.computeIfAbsent(what, w -> new AtomicInteger()).addAndGet((int) howMany);
        }
    }

    private static String kindOf(String name) {
        Matcher matcher = NAME.matcher(name);
        assertTrue(matcher.matches(), name);
        return matcher.group(1);
    }

    private static int phaseOf(String name) {
        Matcher matcher = NAME.matcher(name);
        assertTrue(matcher.matches(), name);
        return Integer.parseInt(matcher.group(2));
    }

    private static void behave(String kind, CountDownLatch releaseDeaf) throws InterruptedException {
        switch (kind) {
            case "quick":
                return;
            case "hang":
                Thread.sleep(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
                return;
            default:
                while (releaseDeaf.getCount() > 0) {
                    try {
                        releaseDeaf.await();
                    } catch (InterruptedException ignored) {
                        // refuses to stop: abandoned, the exit goes on without it
                    }
                }
        }
    }
}
