package dev.exitguard.core;

import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.testkit.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the report goes: a regular file replaced whole; a symbolic link followed, its target
 * replaced whole and the link kept; a FIFO written into, never replaced, and never waited for
 * past {@link ReportFile#STREAM_WAIT}; two guards writing one file at once each writing a whole
 * report. A report file that cannot be written: a clear warning at install, another at exit, and
 * the exit completes all the same, every action run and the process ended with its code. (A
 * folder that does not exist is in {@link ExitGuardTest}.)
 */
class ReportFileTest {

    private final RecordingTerminator terminator = new RecordingTerminator();

    @TempDir
    Path folder;

    /** Installs a guard writing to {@code file}, exits with 3, and returns what was logged as warnings. */
    private List<String> exitWritingTo(Path file, List<String> installWarnings) {
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                    .action(noop("first", ExitPhase.DRAIN))
                    .action(noop("last", ExitPhase.TELEMETRY))
                    .build();
            installWarnings.addAll(log.warnings());

            guard.exit(3);

            assertEquals(List.of("exit 3"), terminator.calls, "the exit completes");
            assertTrue(guard.report().orElseThrow().allSucceeded(), "every action ran");
            return log.warnings();
        }
    }

    @Test
    void aPathThroughARegularFileIsAWarningAndTheExitCompletes() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("notes.txt"), "a file, not a folder");
        Path file = notAFolder.resolve("report.json");
        List<String> atInstall = new java.util.ArrayList<>();

        List<String> warnings = exitWritingTo(file, atInstall);

        assertEquals(List.of("exitguard.report: " + notAFolder + ", where the report file should go, is a file, not a"
                + " folder; the report will not be written"), atInstall);
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(1).startsWith("exitguard.report: could not write the exit report to " + file + ": "),
                warnings::toString);
        assertEquals("a file, not a folder", Files.readString(notAFolder));
    }

    @Test
    void aPathThatIsAFolderIsAWarningAndTheExitCompletes() throws Exception {
        Path file = Files.createDirectory(folder.resolve("report.json"));
        Files.writeString(file.resolve("keep.txt"), "kept");
        List<String> atInstall = new java.util.ArrayList<>();

        List<String> warnings = exitWritingTo(file, atInstall);

        assertEquals(List.of("exitguard.report: " + file + " is a folder; the report needs a file path"), atInstall);
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(1).startsWith("exitguard.report: could not write the exit report to " + file + ": "),
                warnings::toString);
        assertEquals("kept", Files.readString(file.resolve("keep.txt")));
        try (var left = Files.list(folder)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFileNameTooLongForTheFileSystemIsAWarningAndTheExitCompletes() throws Exception {
        Path file = folder.resolve("r".repeat(300) + ".json");
        List<String> atInstall = new java.util.ArrayList<>();

        List<String> warnings = exitWritingTo(file, atInstall);

        assertEquals(List.of(), atInstall);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("exitguard.report: could not write the exit report to " + file + ": "),
                warnings::toString);
        try (var left = Files.list(folder)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /**
     * A folder without write permission. Whether the process may write there anyway is the
     * system's to say (root may, on Unix): the guard must warn exactly when it may not, and the
     * exit must complete either way.
     */
    @Test
    void aFolderWithoutWritePermissionIsAWarningWhenTheSystemRefusesAndTheExitCompletes() throws Exception {
        Path readOnly = Files.createDirectory(folder.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path file = readOnly.resolve("report.json");
        try {
            boolean refused = !Files.isWritable(readOnly);
            List<String> atInstall = new java.util.ArrayList<>();

            List<String> warnings = exitWritingTo(file, atInstall);

            if (refused) {
                assertEquals(List.of("exitguard.report: the folder " + readOnly + " of the report file is not writable;"
                        + " the report will not be written"), atInstall);
                assertTrue(warnings.get(1).startsWith("exitguard.report: could not write the exit report to " + file
                        + ": java.nio.file.AccessDeniedException: "), warnings::toString);
                assertFalse(Files.exists(file));
            } else {
                assertEquals(List.of(), warnings);
                Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(file)));
                assertEquals(3.0, JsonReader.object(json.get("reason")).get("exitCode"));
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aWrittenReportReplacesTheOldOneWhole() throws Exception {
        Path file = Files.writeString(folder.resolve("report.json"), "{\"old\": true}");

        List<String> warnings = exitWritingTo(file, new java.util.ArrayList<>());

        assertEquals(List.of(), warnings);
        Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(file)));
        assertEquals(Map.of("kind", "PROGRAMMATIC", "detail", "ExitGuard.exit(3)", "exitCode", 3.0), json.get("reason"));
        assertFalse(json.containsKey("old"));
    }

    @Test
    void aSymbolicLinkStaysALinkAndTheFileItPointsToIsReplacedWhole() throws Exception {
        Path target = Files.writeString(Files.createDirectory(folder.resolve("real")).resolve("exit.json"), "{\"old\": true}");
        Path link = Files.createSymbolicLink(folder.resolve("report.json"), target);
        List<String> atInstall = new ArrayList<>();

        List<String> warnings = exitWritingTo(link, atInstall);

        assertEquals(List.of(), atInstall);
        assertEquals(List.of(), warnings);
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(target, Files.readSymbolicLink(link));
        assertEquals(Map.of("kind", "PROGRAMMATIC", "detail", "ExitGuard.exit(3)", "exitCode", 3.0),
                JsonReader.object(JsonReader.read(Files.readString(target))).get("reason"));
        assertEquals(List.of(target), filesIn(target.getParent()), "no temporary file is left beside the target");
    }

    /** A chain of relative links, the last one pointing where no file is yet, as a link to a log folder does. */
    @Test
    void aChainOfRelativeLinksToAFileNotThereYetCreatesThatFile() throws Exception {
        Path logs = Files.createDirectory(folder.resolve("logs"));
        Path target = logs.resolve("exit.json");
        Path inner = Files.createSymbolicLink(logs.resolve("current.json"), Path.of("exit.json"));
        Path link = Files.createSymbolicLink(folder.resolve("report.json"), Path.of("logs", inner.getFileName().toString()));
        List<String> atInstall = new ArrayList<>();

        List<String> warnings = exitWritingTo(link, atInstall);

        assertEquals(List.of(), atInstall);
        assertEquals(List.of(), warnings);
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(inner), "both links are still links");
        assertTrue(Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.readString(target).contains("\"exitCode\": 3"), () -> target + " holds the report");
    }

    @Test
    void aLoopOfLinksIsAWarningAtInstallAndAtExitAndTheExitCompletes() throws Exception {
        Path a = folder.resolve("a.json");
        Path b = Files.createSymbolicLink(folder.resolve("b.json"), a);
        Files.createSymbolicLink(a, b);
        List<String> atInstall = new ArrayList<>();

        List<String> warnings = exitWritingTo(a, atInstall);

        assertEquals(List.of("exitguard.report: " + a + " is a symbolic link that cannot be followed"
                + " (java.io.IOException: more than 40 symbolic links from " + a + " (a loop?)); the report will not be"
                + " written"), atInstall);
        assertEquals(2, warnings.size(), warnings::toString);
        assertEquals("exitguard.report: could not write the exit report to " + a + ": java.io.IOException: more than"
                + " 40 symbolic links from " + a + " (a loop?)", warnings.get(1));
    }

    @Test
    void aFifoIsWrittenIntoAndStaysAFifo() throws Exception {
        Path fifo = mkfifo(folder.resolve("report.fifo"));
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<String> read = reader.submit(() -> Files.readString(fifo));

            List<String> warnings = exitWritingTo(fifo, new ArrayList<>());

            assertEquals(List.of(), warnings);
            String json = read.get(20, TimeUnit.SECONDS);
            assertEquals(Map.of("kind", "PROGRAMMATIC", "detail", "ExitGuard.exit(3)", "exitCode", 3.0),
                    JsonReader.object(JsonReader.read(json)).get("reason"));
            assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class).isOther(), "still a FIFO");
            assertEquals(List.of(fifo), filesIn(folder));
        } finally {
            reader.shutdownNow();
        }
    }

    /** Nobody reads the FIFO: opening it for writing would block for ever, and the exit must not wait for that. */
    @Test
    void aFifoWithoutAReaderCostsTheExitAtMostTheStreamWaitAndSaysSo() throws Exception {
        Path fifo = mkfifo(folder.resolve("report.fifo"));
        long started = System.nanoTime();

        List<String> warnings = exitWritingTo(fifo, new ArrayList<>());

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(List.of("exitguard.report: no reader took the exit report from " + fifo + " within 1s; it was not"
                + " written"), warnings);
        // Generous: the wait is one second; a machine shared by several builds may add a few more.
        assertTrue(took.compareTo(ReportFile.STREAM_WAIT.plusSeconds(15)) < 0, took::toString);
        assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class).isOther(), "still a FIFO");
    }

    /**
     * Two guards of one JVM (the installed one and one made with {@code build()}, say) with the same
     * report file, exiting at the same instant, round after round: each writes a whole report under
     * a temporary name of its own, and no write fails or leaves a temporary file behind.
     */
    @Test
    void twoGuardsWritingOneReportAtOnceEachWriteAWholeOne() throws Exception {
        Path file = folder.resolve("report.json");
        ExecutorService pair = Executors.newFixedThreadPool(2);
        try (CapturedLog log = new CapturedLog()) {
            for (int round = 0; round < 100; round++) {
                ExitGuard first = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                        .action(noop("first", 0)).build();
                ExitGuard second = Guards.isolated(terminator, Map.of("exitguard.report", file.toString()))
                        .action(noop("second", 0)).build();
                CyclicBarrier together = new CyclicBarrier(2);
                Future<ExitReport> a = pair.submit(() -> {
                    together.await(20, TimeUnit.SECONDS);
                    return first.runActions(ExitReason.programmatic(1));
                });
                Future<ExitReport> b = pair.submit(() -> {
                    together.await(20, TimeUnit.SECONDS);
                    return second.runActions(ExitReason.programmatic(2));
                });
                a.get(20, TimeUnit.SECONDS);
                b.get(20, TimeUnit.SECONDS);

                int round0 = round;
                assertEquals(List.of(), log.warnings(), () -> "round " + round0);
                String name = (String) JsonReader.object(JsonReader.array(
                        JsonReader.object(JsonReader.read(Files.readString(file))).get("actions")).get(0)).get("name");
                assertTrue(name.equals("first") || name.equals("second"), name);
                assertEquals(List.of(file), filesIn(folder), () -> "round " + round0);
            }
        } finally {
            pair.shutdownNow();
        }
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        String output = new String(mkfifo.getInputStream().readAllBytes());
        assertEquals(0, mkfifo.waitFor(), () -> "mkfifo " + path + " failed: " + output);
        return path;
    }
}
