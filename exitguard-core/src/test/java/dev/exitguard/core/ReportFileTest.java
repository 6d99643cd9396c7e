package dev.exitguard.core;

import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.testkit.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report file that cannot be written: a clear warning at install, another at exit, and the exit
 * completes all the same, every action run and the process ended with its code. (A folder that
 * does not exist is in {@link ExitGuardTest}.)
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
}
