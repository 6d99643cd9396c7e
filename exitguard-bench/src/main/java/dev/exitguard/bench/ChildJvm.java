package dev.exitguard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One child JVM running {@code dev.exitguard.bench.child.Child}: its standard output read line by
 * line on a daemon thread, its standard error kept in a log file for when something goes wrong.
 */
final class ChildJvm implements AutoCloseable {

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Path log;
    private final long startNanos;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
        Thread reader = new Thread(this::read, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code Child args...} with the class path and JVM options given. */
    static ChildJvm start(Layout layout, String classPath, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add("dev.exitguard.bench.child.Child");
        command.addAll(List.of(args));
        Path log = layout.logs().resolve(String.join("-", args).replaceAll("[^A-Za-z0-9-]", "_")
                + "-" + COUNT.incrementAndGet() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        long start = System.nanoTime();
        return new ChildJvm(builder.start(), log, start);
    }

    /** When {@link #start} began to start the process. */
    long startNanos() {
        return startNanos;
    }

    Process process() {
        return process;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process is gone; what it printed is already queued.
        } finally {
            lines.add(EOF);
        }
    }

    /** The first line starting with {@code prefix}, skipping others; fails after {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new IOException((line == null ? "no line [" + prefix + "] within " + timeout : "the child ended without a line [" + prefix + "]")
                        + " from " + String.join(" ", process.info().arguments().map(List::of).orElse(List.of()))
                        + "; its stderr (" + log + ") ends: " + tail());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * Sends SIGTERM: {@link ProcessHandle#destroy()} is {@code kill -TERM} on Linux and macOS.
     * Not {@link Process#destroy()}, which also closes the pipes, and with them what the child
     * prints after the signal.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end; false if it did not within {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
