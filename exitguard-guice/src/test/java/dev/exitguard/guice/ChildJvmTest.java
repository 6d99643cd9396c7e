package dev.exitguard.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChildMain} in a JVM of its own, stopped the way an orchestrator stops it: a real
 * {@code kill -TERM}, caught by the signal trigger of {@code exitguard-signals} (a test
 * dependency, so on the child's class path). The exit code, the order of what the actions printed
 * and the JSON report show that the multibound actions ran with their injected dependencies, the
 * ServiceLoader action ran, the phases came in order, and each singleton closed once, newest first.
 */
class ChildJvmTest {

    /**
     * Generous bounds: a cold JVM loading Guice on a shared two-core machine can take seconds to
     * be ready. They only fail a test when something hangs; no test asserts how fast it was.
     */
    private static final long READY_SECONDS = 60;
    private static final long EXIT_SECONDS = 60;

    private static final List<String> EXPECTED_EVENTS = List.of(
            "create database", "create cache", "create journal", "create search-index",
            "stop-intake service=orders journal=journal-7 reason=TERM",
            "drain database=jdbc:orders",
            "close search-index", "close journal", "close cache", "close database",
            "service-loaded telemetry");

    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** A running child and what it printed. */
    private final class Child {
        final List<String> stdout = new CopyOnWriteArrayList<>();
        final List<String> stderr = new CopyOnWriteArrayList<>();
        final CountDownLatch ready = new CountDownLatch(1);

        Child(Path report, String... args) throws IOException {
            String classPath = System.getProperty("exitguard.childClassPath");
            assertTrue(classPath != null && !classPath.contains("${"),
                    "exitguard.childClassPath is set by the build (see the module's pom; run mvn verify): " + classPath);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath,
                    "-Dexitguard.report=" + report,
                    ChildMain.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), stdout, true);
            pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), stderr, false);
        }

        private void pump(BufferedReader reader, List<String> into, boolean watchReady) {
            Thread thread = new Thread(() -> {
                try (reader) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        into.add(line);
                        if (watchReady && line.equals("READY")) {
                            ready.countDown();
                        }
                    }
                } catch (IOException e) {
                    into.add("(reading failed: " + e + ")");
                }
            }, "child-output");
            thread.setDaemon(true);
            thread.start();
        }

        void awaitReady() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                assertTrue(process.isAlive(), () -> "the child ended before it was ready, with code "
                        + process.exitValue() + "\n" + output());
                assertTrue(System.nanoTime() < end, this::output);
            }
        }

        int awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), this::output);
            // The pumps may still be reading the last lines.
            for (int i = 0; i < 100 && stdout.stream().noneMatch(l -> l.startsWith("EVENT service-loaded")); i++) {
                Thread.sleep(10);
            }
            return process.exitValue();
        }

        List<String> events() {
            return stdout.stream().filter(l -> l.startsWith("EVENT ")).map(l -> l.substring("EVENT ".length())).toList();
        }

        String output() {
            return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr);
        }
    }

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + pid);
    }

    @Test
    void sigtermRunsTheInjectedActionsInPhaseOrderClosesTheSingletonsAndExits143(@TempDir Path directory)
            throws Exception {
        Path report = directory.resolve("report.json");
        Child child = new Child(report);
        child.awaitReady();

        long killed = System.nanoTime();
        kill("TERM", process.pid());
        int code = child.awaitExit();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        // A figure for people, not an assertion: how long the whole guarded exit took here.
        System.out.println("child JVM gone " + millis + " ms after kill -TERM");

        assertEquals(143, code, child::output);
        assertEquals(EXPECTED_EVENTS, child.events(), child::output);
        String json = Files.readString(report);
        assertTrue(json.contains("\"kind\": \"SIGNAL\""), json);
        assertEquals(List.of("stop-intake", "drain-requests", SingletonClosing.NAME, ServiceLoadedAction.NAME),
                field(json, "name"), json);
        assertEquals(List.of("SUCCEEDED"), field(json, "outcome").stream().distinct().toList(), json);
    }

    /** Every value of a string field of the report's actions, in order. */
    private static List<String> field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\": \"([^\"]*)\"").matcher(json);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    @Test
    void anInjectedGuardsExitRunsTheSameActionsAndExitsWithItsStatus(@TempDir Path directory) throws Exception {
        Child child = new Child(directory.resolve("report.json"), "exit");
        child.awaitReady();

        int code = child.awaitExit();

        assertEquals(3, code, child::output);
        List<String> expected = new ArrayList<>(EXPECTED_EVENTS);
        expected.set(expected.indexOf("stop-intake service=orders journal=journal-7 reason=TERM"),
                "stop-intake service=orders journal=journal-7 reason=ExitGuard.exit(3)");
        assertEquals(expected, child.events(), child::output);
    }
}
