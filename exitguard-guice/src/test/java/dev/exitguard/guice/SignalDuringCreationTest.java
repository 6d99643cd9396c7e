package dev.exitguard.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -TERM} at a random moment while {@link CreationSignalMain} creates its injector
 * (with a guard of its own, or joining one {@code main} installed): whenever the guard's exit ran,
 * every singleton provisioned before the closing began is closed exactly once, newest first, and no
 * singleton is closed twice or out of order. Before the guard is installed, nothing is armed, and
 * the JVM ends as it would without exitguard, closing nothing.
 *
 * <p>Each mode runs {@value #DEFAULT_ROUNDS} rounds; {@code -Dexitguard.guice.soak=<rounds>} runs
 * more, and {@code -Dexitguard.guice.seed=<seed>} repeats a run's delays. Each run prints where its
 * signals landed.
 */
class SignalDuringCreationTest {

    private static final int DEFAULT_ROUNDS = 3;
    /** The signal comes this long at most after the child says it starts creating: past the creation, mostly. */
    private static final int MAX_DELAY_MILLIS = 400;

    @OnEachJdk
    void aSignalWhileTheInjectorCreatesItsOwnGuard(Jdk jdk, @TempDir Path dir) throws Exception {
        rounds(jdk, "own", dir);
    }

    @OnEachJdk
    void aSignalWhileTheInjectorJoinsTheGuardMainInstalled(Jdk jdk, @TempDir Path dir) throws Exception {
        rounds(jdk, "join", dir);
    }

    private static void rounds(Jdk jdk, String mode, Path dir) throws Exception {
        int rounds = Integer.getInteger("exitguard.guice.soak", DEFAULT_ROUNDS);
        long seed = Long.getLong("exitguard.guice.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Integer> landed = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            int delay = random.nextInt(MAX_DELAY_MILLIS + 1);
            Path runDir = Files.createDirectories(dir.resolve("round-" + round));
            String context = jdk + ", mode " + mode + ", seed " + seed + ", round " + round + ", signal " + delay
                    + " ms after the injector's creation began";
            ChildResult result;
            try (Child child = ChildJvm.onClassPath(jdk, CreationSignalMain.class, runDir).arguments(mode).start()) {
                child.awaitReady();
                Thread.sleep(delay);
                child.signal("TERM");
                result = child.awaitExit();
            }
            String describe = context + "\n" + result.describe();
            assertEquals(143, result.exitCode(), describe);
            String where = check(mode, result.events().texts(), result.hasReport() ? result.report().names() : null,
                    describe);
            landed.merge(where, 1, Integer::sum);
        }
        System.out.println("SignalDuringCreationTest " + jdk + " " + mode + ": " + rounds + " rounds in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s, seed " + seed
                + "; the signal landed " + landed);
    }

    /** Checks one run's events against the promise; returns where the signal landed. */
    static String check(String mode, List<String> events, List<String> reported, String describe) {
        List<Integer> provisioned = indices(events, "provisioned r");
        List<Integer> closed = indices(events, "close r");
        for (int i = 0; i < provisioned.size(); i++) {
            assertEquals(i, provisioned.get(i), () -> "provisioned in the chain's order\n" + describe);
        }
        for (int i = 1; i < closed.size(); i++) {
            assertTrue(closed.get(i) < closed.get(i - 1), () -> "closed once each, newest first\n" + describe);
        }
        assertTrue(closed.isEmpty() || closed.get(0) < provisioned.size(), () -> "closed but never created\n" + describe);
        if (reported == null) {
            assertEquals("own", mode, () -> "a joined guard was installed before the signal\n" + describe);
            assertEquals(List.of(), closed, () -> "no guard yet, nothing to close with\n" + describe);
            return "before the guard was installed";
        }
        int release = events.indexOf("before-release");
        assertTrue(release >= 0, () -> "the exit ran its DEFAULT phase\n" + describe);
        if (!reported.contains(SingletonClosing.NAME)) {
            // Only a joining injector can miss the exit: its closing action is registered when its first
            // singleton is created, and the core refuses a registration once the exit has begun.
            assertEquals("join", mode, () -> "an own guard has the closing action from its install on\n" + describe);
            assertEquals(List.of(), closed, describe);
            int requested = events.indexOf("exit requested");
            assertTrue(requested >= 0, describe);
            assertTrue(events.subList(0, requested).stream().noneMatch(e -> e.startsWith("provisioned r")),
                    () -> "no singleton was provisioned before the exit was asked for\n" + describe);
            assertTrue(events.stream().filter(e -> e.startsWith("creation failed: "))
                    .allMatch(e -> e.contains("the exit has already begun")), () -> "the injector says why\n" + describe);
            return "before the injector's first singleton";
        }
        int before = (int) events.subList(0, release).stream().filter(e -> e.startsWith("provisioned r")).count();
        List<Integer> expected = new ArrayList<>();
        for (int i = before - 1; i >= 0; i--) {
            expected.add(i);
        }
        if (closed.size() < before || !closed.subList(closed.size() - before, closed.size()).equals(expected)) {
            fail("every singleton provisioned before the closing began is closed once, newest first: expected the"
                    + " closes to end with " + expected + " but they were " + closed + "\n" + describe);
        }
        int created = events.indexOf("created");
        return created >= 0 && created < release ? "after the injector was created" : "while the injector was created";
    }

    private static List<Integer> indices(List<String> events, String prefix) {
        List<Integer> indices = new ArrayList<>();
        for (String event : events) {
            if (event.startsWith(prefix)) {
                indices.add(Integer.parseInt(event.substring(prefix.length())));
            }
        }
        return indices;
    }
}
