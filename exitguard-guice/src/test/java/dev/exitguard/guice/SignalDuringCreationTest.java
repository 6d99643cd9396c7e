package dev.exitguard.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    /** Generous: a cold JVM loading Guice on a loaded two-core machine. Only a hang reaches them. */
    private static final long START_SECONDS = 60;
    private static final long EXIT_SECONDS = 60;
    /** The signal comes this long at most after the child says it starts creating: past the creation, mostly. */
    private static final int MAX_DELAY_MILLIS = 400;

    private static final Pattern CLOSED_ROW = Pattern.compile(
            "\"name\": \"" + Pattern.quote(SingletonClosing.NAME) + "\"");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"own", "join"})
    void everySingletonProvisionedBeforeTheClosingBeganIsClosedOnceNewestFirst(String mode, @TempDir Path dir)
            throws Exception {
        int rounds = Integer.getInteger("exitguard.guice.soak", DEFAULT_ROUNDS);
        long seed = Long.getLong("exitguard.guice.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Integer> landed = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            int delay = random.nextInt(MAX_DELAY_MILLIS + 1);
            Path runDir = Files.createDirectories(dir.resolve("round-" + round));
            String where = run(mode, delay, runDir, "mode " + mode + ", seed " + seed + ", round " + round
                    + ", signal " + delay + " ms after start");
            landed.merge(where, 1, Integer::sum);
        }
        System.out.println("SignalDuringCreationTest " + mode + ": " + rounds + " rounds in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s, seed " + seed
                + "; the signal landed " + landed);
    }

    /** One child, one signal; returns where the signal landed. */
    private static String run(String mode, int delayMillis, Path dir, String context) throws Exception {
        Path events = dir.resolve("events.txt");
        Path report = dir.resolve("report.json");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        String classPath = System.getProperty("exitguard.childClassPath");
        assertTrue(classPath != null && !classPath.contains("${"),
                "exitguard.childClassPath is set by the build (see the module's pom; run mvn verify): " + classPath);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "-Dapp.events=" + events, "-Dexitguard.report=" + report,
                CreationSignalMain.class.getName(), mode)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (!lines(events).contains("start")) {
                assertTrue(process.isAlive(), () -> context + ": the child ended before it started\n" + output(out, err));
                assertTrue(System.nanoTime() < end, () -> context + ": the child did not start\n" + output(out, err));
                Thread.sleep(1);
            }
            Thread.sleep(delayMillis);
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill did not return");
            assertEquals(0, kill.exitValue(), "kill -TERM " + process.pid());
            assertTrue(process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), () -> context + ": no exit\n" + output(out, err));
        } finally {
            process.destroyForcibly();
        }
        String describe = context + "\nevents: " + lines(events) + "\n" + output(out, err);
        assertEquals(143, process.exitValue(), describe);
        return check(mode, lines(events), Files.exists(report) ? Files.readString(report) : null, describe);
    }

    /** Checks one run's events against the promise; returns where the signal landed. */
    static String check(String mode, List<String> events, String report, String describe) {
        List<Integer> provisioned = indices(events, "provisioned r");
        List<Integer> closed = indices(events, "close r");
        for (int i = 0; i < provisioned.size(); i++) {
            assertEquals(i, provisioned.get(i), () -> "provisioned in the chain's order\n" + describe);
        }
        for (int i = 1; i < closed.size(); i++) {
            assertTrue(closed.get(i) < closed.get(i - 1), () -> "closed once each, newest first\n" + describe);
        }
        assertTrue(closed.isEmpty() || closed.get(0) < provisioned.size(), () -> "closed but never created\n" + describe);
        if (report == null) {
            assertEquals("own", mode, () -> "a joined guard was installed before the signal\n" + describe);
            assertEquals(List.of(), closed, () -> "no guard yet, nothing to close with\n" + describe);
            return "before the guard was installed";
        }
        int release = events.indexOf("before-release");
        assertTrue(release >= 0, () -> "the exit ran its DEFAULT phase\n" + describe);
        if (!CLOSED_ROW.matcher(report).find()) {
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

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static String output(Path out, Path err) {
        try {
            return "stdout:\n" + String.join("\n", lines(out)) + "\nstderr:\n" + String.join("\n", lines(err));
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

}
