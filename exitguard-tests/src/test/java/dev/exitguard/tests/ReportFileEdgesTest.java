package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Bounds;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.SignalApp;
import dev.exitguard.tests.apps.TwoGuardsApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code exitguard.report} points, in a real exit: a symbolic link stays a link and the file
 * it points to gets the whole report; a FIFO gets the report written into it and stays a FIFO; two
 * guards of one JVM writing the same file at once each write a whole report (the second case runs
 * {@code exitguard.tests.race.runs} times per JDK, 3 by default).
 */
class ReportFileEdgesTest {

    private static final int RUNS = Integer.getInteger("exitguard.tests.race.runs", 3);

    @TempDir
    Path dir;

    /** The kit reads the report at {@code report.json}: here that is a relative link to a file not there yet. */
    @OnEachJdk
    void aLinkStaysALinkAndTheFileItPointsToGetsTheReport(Jdk jdk) throws Exception {
        Path target = Files.createDirectory(dir.resolve("logs")).resolve("exit.json");
        Path link = Files.createSymbolicLink(dir.resolve("report.json"), Path.of("logs", "exit.json"));
        ChildResult result = signalled(ChildJvm.onClassPath(jdk, SignalApp.class, dir));

        assertEquals(143, result.exitCode(), result::describe);
        SignalAppActions.assertRanOnceInPhaseOrder(result);
        assertTrue(Files.isSymbolicLink(link), () -> "the link is still a link\n" + result.describe());
        assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS), result::describe);
        result.report().assertReason("SIGNAL", 143);
        assertFalse(result.stderr().contains("could not write the exit report"), result::describe);
    }

    @OnEachJdk
    void aFifoGetsTheReportWrittenIntoItAndStaysAFifo(Jdk jdk) throws Exception {
        Path fifo = dir.resolve("exit.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + fifo);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<String> read = reader.submit(() -> Files.readString(fifo));
            ChildResult result = signalled(ChildJvm.onClassPath(jdk, SignalApp.class, dir)
                    .property("exitguard.report", fifo.toString()));

            assertEquals(143, result.exitCode(), result::describe);
            String json = read.get(Bounds.EXIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(json.startsWith("{") && json.contains("\"exitCode\": 143") && json.endsWith("}\n"),
                    () -> "the FIFO carried the whole report:\n" + json + "\n" + result.describe());
            assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class).isOther(), "still a FIFO");
            assertFalse(result.stderr().contains("could not write the exit report"), result::describe);
        } finally {
            reader.shutdownNow();
        }
    }

    @OnEachJdk
    void twoGuardsWritingOneReportAtOnceEachWriteItWhole(Jdk jdk) throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Path folder = Files.createDirectory(dir.resolve("run-" + run));
            ChildResult result = signalled(ChildJvm.onClassPath(jdk, TwoGuardsApp.class, folder));

            assertEquals(143, result.exitCode(), result::describe);
            result.events().assertEachOnce(List.of("start installed", "start built", "built published"));
            assertFalse(result.stderr().contains("could not write the exit report"), result::describe);
            Report report = result.report();
            assertTrue(report.names().equals(List.of("installed")) || report.names().equals(List.of("built")),
                    result::describe);
            assertEquals(List.of("events.log", "report.json"), filesIn(folder), result::describe);
        }
        System.out.println("two guards, one report file, on " + jdk + ": " + RUNS + " runs, 0 reports lost");
    }

    private static ChildResult signalled(ChildJvm app) throws InterruptedException {
        try (Child child = app.start()) {
            child.awaitReady();
            child.signal("TERM");
            return child.awaitExit();
        }
    }

    private static List<String> filesIn(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
