package dev.exitguard.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes the JSON report so that a reader sees the old file or the whole new one, never a part. */
final class ReportFile {

    private ReportFile() {
    }

    /** Warns now, at install, about a report file that cannot be written later. */
    static void checkWritable(Path file) {
        Path folder = folderOf(file);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            Log.warning(Settings.REPORT + ": " + folder + ", where the report file should go, is a file, not a folder;"
                    + " the report will not be written");
        } else if (!Files.isDirectory(folder)) {
            Log.warning(Settings.REPORT + ": the folder " + folder + " of the report file does not exist;"
                    + " the report will not be written unless it is created before the exit");
        } else if (!Files.isWritable(folder)) {
            Log.warning(Settings.REPORT + ": the folder " + folder + " of the report file is not writable;"
                    + " the report will not be written");
        } else if (Files.isDirectory(file)) {
            Log.warning(Settings.REPORT + ": " + file + " is a folder; the report needs a file path");
        }
    }

    /** Writes {@code json} to {@code file}; a failure is logged, never thrown, so the exit goes on. */
    static void write(Path file, String json) {
        Path folder = folderOf(file);
        Path temporary = folder.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Log.warning(Settings.REPORT + ": could not write the exit report to " + file + ": " + e);
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException | RuntimeException ignored) {
                // Nothing more to do: the warning above already says the report is missing.
            }
        }
    }

    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }
}
