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
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the JSON report so that a reader sees the old file or the whole new one, never a part.
 *
 * <ul>
 *   <li>A regular file (or one not there yet) is replaced atomically: the report is written to a
 *       temporary file beside it, forced to disk, then renamed over it. The temporary name is
 *       unique to the process and to the write, so two guards of one JVM writing the same report
 *       at once each write a whole report, and the last one stays.
 *   <li>A symbolic link (or a chain of them) is followed: the file it points to is replaced
 *       atomically, in that file's folder, and the link stays a link. A link whose target does not
 *       exist yet gets its target created.
 *   <li>A FIFO, a character device ({@code /dev/stdout}) or a socket cannot be replaced: the report
 *       is written into it as it is, once a reader takes it, waiting at most {@link #STREAM_WAIT}
 *       (a FIFO with no reader would otherwise hold the exit until the watchdog halts it); if no
 *       reader comes, a warning says so and the exit goes on.
 * </ul>
 */
final class ReportFile {

    /** How long writing into a FIFO may wait for a reader. */
    static final Duration STREAM_WAIT = Duration.ofSeconds(1);

    /** At most this many links are followed, as the kernel's {@code ELOOP} limit on Linux. */
    private static final int MAX_LINKS = 40;

    /** With the pid, makes temporary names unique among every write of every live process. */
    private static final AtomicLong WRITES = new AtomicLong();

    private ReportFile() {
    }

    /** Warns now, at install, about a report file that cannot be written later. */
    static void checkWritable(Path file) {
        if (isStream(file)) {
            return;
        }
        Path target;
        try {
            target = followLinks(file);
        } catch (IOException e) {
            Log.warning(GuardSettings.REPORT + ": " + file + " is a symbolic link that cannot be followed (" + e
                    + "); the report will not be written");
            return;
        }
        String named = target.equals(file) ? "" : " (where the symbolic link " + file + " points)";
        Path folder = folderOf(target);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            Log.warning(GuardSettings.REPORT + ": " + folder + ", where the report file should go" + named
                    + ", is a file, not a folder; the report will not be written");
        } else if (!Files.isDirectory(folder)) {
            Log.warning(GuardSettings.REPORT + ": the folder " + folder + " of the report file" + named
                    + " does not exist;"
                    + " the report will not be written unless it is created before the exit");
        } else if (!Files.isWritable(folder)) {
            Log.warning(GuardSettings.REPORT + ": the folder " + folder + " of the report file" + named
                    + " is not writable;"
                    + " the report will not be written");
        } else if (Files.isDirectory(target)) {
            Log.warning(GuardSettings.REPORT + ": " + target + named + " is a folder; the report needs a file path");
        }
    }

    /** Writes {@code json} to {@code file}; a failure is logged, never thrown, so the exit goes on. */
    static void write(Path file, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (isStream(file)) {
            writeInto(file, bytes);
            return;
        }
        Path target;
        try {
            target = followLinks(file);
        } catch (IOException | RuntimeException e) {
            Log.warning(GuardSettings.REPORT + ": could not write the exit report to " + file + ": " + e);
            return;
        }
        Path temporary = folderOf(target).resolve("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + WRITES.incrementAndGet() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Log.warning(GuardSettings.REPORT + ": could not write the exit report to " + file + ": " + e);
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException | RuntimeException ignored) {
                // Nothing more to do: the warning above already says the report is missing.
            }
        }
    }

    /** Whether {@code file}, links followed, is there and is neither a regular file nor a folder. */
    private static boolean isStream(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).isOther();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The file that {@code file} names once every symbolic link on its last element is followed:
     * {@code file} itself when it is no link. Each link's target is read relative to the link's
     * folder, as the system reads it; the target need not exist.
     *
     * @throws IOException if a link cannot be read, or there are more than {@link #MAX_LINKS}
     */
    static Path followLinks(Path file) throws IOException {
        Path at = file.toAbsolutePath();
        for (int links = 0; Files.isSymbolicLink(at); links++) {
            if (links == MAX_LINKS) {
                throw new IOException("more than " + MAX_LINKS + " symbolic links from " + file + " (a loop?)");
            }
            at = folderOf(at).resolve(Files.readSymbolicLink(at));
        }
        return at;
    }

    /**
     * Writes into a FIFO or device, on a thread of its own, waiting at most {@link #STREAM_WAIT}:
     * opening a FIFO blocks until a reader opens it too.
     */
    private static void writeInto(Path file, byte[] bytes) {
        StreamWrite write = new StreamWrite(file, bytes);
        Thread writer = new Thread(write, "exitguard-report-writer");
        writer.setDaemon(true);
        try {
            writer.start();
            writer.join(STREAM_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            Log.warning(GuardSettings.REPORT + ": could not write the exit report into " + file
                    + ": no thread could be started to write it (" + Failures.describe(e) + ")");
            return;
        }
        if (writer.isAlive()) {
            Log.warning(GuardSettings.REPORT + ": no reader took the exit report from " + file + " within "
                    + Durations.format(STREAM_WAIT) + "; it was not written");
        } else if (write.failure != null) {
            Log.warning(GuardSettings.REPORT + ": could not write the exit report into " + file + ": " + write.failure);
        }
    }

    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath() : parent;
    }

    /** Writes the whole report into a FIFO or device, which it opens (and so may wait for a reader). */
    private static final class StreamWrite implements Runnable {
        private final Path file;
        private final byte[] bytes;
        private volatile Exception failure;

        StreamWrite(Path file, byte[] bytes) {
            this.file = file;
            this.bytes = bytes;
        }

        @Override
        public void run() {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
    }
}
