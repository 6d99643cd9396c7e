package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.EarlySignalApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM sent the instant {@code install()} returns, while the work install leaves to run after
 * it (the rehearsal of the exit path, on the guard's own workers and timer) is still under way,
 * runs every action exactly once, in order, and the process exits 143 with a report saying so
 * (see {@link EarlySignalApp}). The signal is SIGTERM from this process ({@link Child#terminate()},
 * {@code kill(2)} as {@code kill -TERM} sends it), sent as soon as the child's ready line is read,
 * without starting a {@code kill} command first.
 *
 * <p>Runs {@code exitguard.tests.early.runs} times per JDK (3 by default; the soak in
 * docs/testing.md runs 200), and prints how long after {@code install()} returned the first action
 * ran to {@code target/surefire-reports/dev.exitguard.tests.EarlySignalTest-output.txt}.
 */
class EarlySignalTest {

    private static final int RUNS = Integer.getInteger("exitguard.tests.early.runs", 3);

    @TempDir
    Path dir;

    @OnEachJdk
    void aSignalAsSoonAsInstallReturnsRunsEveryActionOnce(Jdk jdk) throws InterruptedException {
        List<Double> firstActionMillis = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            ChildResult result;
            try (Child child = ChildJvm.onClassPath(jdk, EarlySignalApp.class, mkdir(dir.resolve("run-" + run))).start()) {
                child.awaitReady();
                child.terminate();
                result = child.awaitExit();
            }
            assertEquals(143, result.exitCode(), result::describe);
            Report report = result.report();
            report.assertReason("SIGNAL", 143);
            report.assertAll("SUCCEEDED");
            assertEquals(EarlySignalApp.ACTIONS, report.actions().size(), result::describe);
            Events events = result.events();
            List<String> ran = new ArrayList<>();
            for (int i = 0; i < EarlySignalApp.ACTIONS; i++) {
                ran.add("ran " + EarlySignalApp.name(i));
            }
            events.assertEachOnce(ran);
            assertEquals(EarlySignalApp.ACTIONS + 1, events.all().size(), () -> "nothing but the actions and "
                    + "[installed], each once: " + events.texts() + "\n" + result.describe());
            for (int i = 3; i < EarlySignalApp.ACTIONS; i++) {
                events.assertBefore("ran " + EarlySignalApp.name(i - 3), "ran " + EarlySignalApp.name(i));
            }
            long installed = events.time("installed");
            long first = events.all().stream().filter(e -> e.text().startsWith("ran ")).mapToLong(Events.Event::nanos)
                    .min().orElseThrow();
            firstActionMillis.add((first - installed) / 1e6);
        }
        Collections.sort(firstActionMillis);
        System.out.println(String.format(Locale.ROOT, "early signal on %s: %d runs, every action once in each; first action "
                + "%.1f ms after install() returned (median; min %.1f, max %.1f)", jdk, RUNS,
                firstActionMillis.get(firstActionMillis.size() / 2), firstActionMillis.get(0),
                firstActionMillis.get(firstActionMillis.size() - 1)));
    }

    private static Path mkdir(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
