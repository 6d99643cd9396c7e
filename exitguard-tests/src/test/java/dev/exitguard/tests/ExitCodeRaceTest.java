package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.ExitRaceApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first exit's code is the process's code, and the report names the exit the process really
 * ended with, when a second way out races a signal's exit (see {@link ExitRaceApp}): {@code guard.exit}
 * from {@code main} or from a thread an action started must join the signal's exit (143), never win
 * with its own code; a {@code System.exit(7)} at the same instant may win (the JVM's first status
 * wins), and then the report must say the JVM's own shutdown ended the process, not the signal.
 *
 * <p>Each race runs {@code exitguard.tests.race.runs} times per JDK (3 by default; the soak in
 * docs/testing.md runs 100), and prints a line with the codes seen to
 * {@code target/surefire-reports/dev.exitguard.tests.ExitCodeRaceTest-output.txt}.
 */
class ExitCodeRaceTest {

    private static final int RUNS = Integer.getInteger("exitguard.tests.race.runs", 3);

    @TempDir
    Path dir;

    @OnEachJdk
    void guardExitFromMainDuringASignalsExitJoinsIt(Jdk jdk) throws InterruptedException {
        race(jdk, "guardExit", "slow");
    }

    @OnEachJdk
    void guardExitFromAThreadAnActionStartedJoinsTheSignalsExit(Jdk jdk) throws InterruptedException {
        race(jdk, "actionThread", "spawns");
    }

    private void race(Jdk jdk, String race, String action) throws InterruptedException {
        Map<Integer, Integer> codes = new TreeMap<>();
        for (int run = 0; run < RUNS; run++) {
            ChildResult result = run(jdk, race, run);
            codes.merge(result.exitCode(), 1, Integer::sum);
            assertEquals(143, result.exitCode(), () -> "the signal's exit came first\n" + result.describe());
            Report report = result.report();
            report.assertReason("SIGNAL", 143);
            assertEquals("SUCCEEDED", report.action(action).outcome(), result::describe);
        }
        System.out.println("exit race " + race + " on " + jdk + ": " + RUNS + " runs, exit codes " + codes
                + ", 0 wrong codes, 0 wrong reports");
    }

    @OnEachJdk
    void systemExitAtTheSameInstantAsASignalIsReportedAsWhatTheProcessExitedWith(Jdk jdk)
            throws InterruptedException {
        Map<Integer, Integer> codes = new TreeMap<>();
        for (int run = 0; run < RUNS; run++) {
            ChildResult result = run(jdk, "systemExit", run);
            codes.merge(result.exitCode(), 1, Integer::sum);
            Report report = result.report();
            if (result.exitCode() == 7) {
                report.assertReason("JVM_SHUTDOWN", -1);
            } else if (result.exitCode() == 143) {
                report.assertReason("SIGNAL", 143);
            } else {
                fail("either System.exit(7) or the signal's exit(143) ends the process\n" + result.describe());
            }
            assertEquals("SUCCEEDED", report.action("quick").outcome(), result::describe);
        }
        System.out.println("exit race systemExit on " + jdk + ": " + RUNS + " runs, exit codes " + codes
                + ", 0 reports naming another exit than the one the process ended with");
    }

    private ChildResult run(Jdk jdk, String race, int run) throws InterruptedException {
        try (Child child = ChildJvm.onClassPath(jdk, ExitRaceApp.class, mkdir(dir.resolve(race + "-" + run)))
                .property("app.race", race).start()) {
            child.awaitReady();
            child.signal("TERM");
            return child.awaitExit();
        }
    }

    private static Path mkdir(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
