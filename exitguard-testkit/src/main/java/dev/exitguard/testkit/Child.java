package dev.exitguard.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * A running child JVM (or the wrapper around it), started by {@link ChildJvm#start()}: wait for what
 * it prints or records, signal it, wait for its exit. Every failure shows the command and all the
 * child printed so far. Close it: a child still running then is killed, with everything it started.
 * Meant for the test's thread; the streams are read on daemon threads of their own.
 *
 * @since 0.1
 */
public final class Child implements AutoCloseable {

    static final String READY_PREFIX = "READY pid=";

    private static final Pattern READY = Pattern.compile("(?m)^" + READY_PREFIX + "(\\d+)$");

    private final Process process;
    private final long startedNanos;
    private final String command;
    private final Path dir;
    private final Output stdout;
    private final Output stderr;
    private volatile long jvmPid = -1;
    private volatile long firstSignalNanos = -1;
    private volatile long lastSignalNanos = -1;
    private int linesTaken;

    Child(Process process, long startedNanos, String command, Path dir) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.command = command;
        this.dir = dir;
        this.stdout = new Output(process.getInputStream(), "child-" + process.pid() + "-stdout");
        this.stderr = new Output(process.getErrorStream(), "child-" + process.pid() + "-stderr");
    }

    /** The process started: the JVM, or the wrapper around it. */
    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started: for a measurement of its start-up. */
    public long startedNanos() {
        return startedNanos;
    }

    /**
     * Waits for the line {@code READY pid=<pid>} ({@link InChild#ready()}) and returns the JVM's pid;
     * fails, showing the child, if it does not come within {@link Bounds#READY}.
     */
    public long awaitReady() throws InterruptedException {
        String text = stdout.await(t -> READY.matcher(t).find(), Bounds.READY);
        if (text == null) {
            String output = describeSoFar();
            close();
            throw new AssertionError("the child printed no ready line within " + Bounds.READY.toSeconds() + " s\n" + output);
        }
        Matcher matcher = READY.matcher(text);
        matcher.find();
        jvmPid = Long.parseLong(matcher.group(1));
        return jvmPid;
    }

    /**
     * Waits for a program that announces itself in its own words: for the first match of
     * {@code line} in stdout, which it returns. The JVM is then taken to be the process started,
     * so start such a child without a wrapper.
     */
    public MatchResult awaitReady(Pattern line) throws InterruptedException {
        String text = stdout.await(t -> line.matcher(t).find(), Bounds.READY);
        if (text == null) {
            String output = describeSoFar();
            close();
            throw new AssertionError("the child printed nothing matching [" + line + "] within " + Bounds.READY.toSeconds()
                    + " s\n" + output);
        }
        Matcher matcher = line.matcher(text);
        matcher.find();
        jvmPid = process.pid();
        return matcher.toMatchResult();
    }

    /**
     * The next whole line of stdout that starts with {@code prefix}, skipping the lines before it
     * and those an earlier call returned or skipped; fails, showing the child, if none comes within
     * {@code bound} or the child ends first.
     */
    public String awaitLine(String prefix, Duration bound) throws InterruptedException {
        String[] found = new String[1];
        int[] taken = new int[1];
        String text = stdout.await(t -> {
            List<String> lines = wholeLines(t);
            for (int i = linesTaken; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    found[0] = lines.get(i);
                    taken[0] = i + 1;
                    return true;
                }
            }
            return false;
        }, bound);
        if (text == null) {
            throw new AssertionError("the child printed no line starting with [" + prefix + "] within " + bound.toMillis()
                    + " ms\n" + describeSoFar());
        }
        linesTaken = taken[0];
        return found[0];
    }

    private static List<String> wholeLines(String text) {
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** Waits until stderr contains {@code text}; fails, showing the child, if it does not within {@code bound}. */
    public void awaitStderr(String text, Duration bound) throws InterruptedException {
        if (stderr.await(t -> t.contains(text), bound) == null) {
            throw new AssertionError("the child did not print [" + text + "] to stderr within " + bound.toMillis() + " ms\n"
                    + describeSoFar());
        }
    }

    /**
     * Whether stdout contains {@code text} within {@code bound} (zero or negative: whether it does now). Unlike
     * {@link #awaitStdout} it does not fail: for a test that tells "the child was not up in time" from a failure.
     */
    public boolean printsWithin(String text, Duration bound) throws InterruptedException {
        return stdout.await(t -> t.contains(text), bound) != null;
    }

    /** Waits until stdout contains {@code text}; fails, showing the child, if it does not within {@code bound}. */
    public void awaitStdout(String text, Duration bound) throws InterruptedException {
        if (stdout.await(t -> t.contains(text), bound) == null) {
            throw new AssertionError("the child did not print [" + text + "] to stdout within " + bound.toMillis() + " ms\n"
                    + describeSoFar());
        }
    }

    /** Waits until the program has recorded the event {@code text}; fails, showing the child, if not within {@code bound}. */
    public void awaitEvent(String text, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (events().count(text) == 0) {
            if (System.nanoTime() - end > 0 || !process.isAlive() && events().count(text) == 0) {
                throw new AssertionError("the child did not record [" + text + "] within " + bound.toMillis()
                        + " ms; it recorded " + events() + "\n" + describeSoFar());
            }
            Thread.sleep(20);
        }
    }

    /** What the program recorded so far. */
    public Events events() {
        return Events.read(dir.resolve(ChildJvm.EVENTS_FILE), this::describeSoFar);
    }

    /**
     * Sends {@code signal} (e.g. {@code "TERM"}) to the JVM with {@code kill}; the ready line must
     * have been seen. Where the child cannot be started with HUP, INT and QUIT at their default and
     * may have inherited this one ignored, the test is skipped, saying so (see {@link ChildJvm}).
     */
    public void signal(String signal) throws InterruptedException {
        signal(signal, 1);
    }

    /** Sends {@code signal} {@code times} times, as fast as one {@code kill} command sends them. */
    public void signal(String signal, int times) throws InterruptedException {
        requireDefault(signal);
        List<String> kill = new ArrayList<>(List.of("kill", "-s", signal));
        for (int i = 0; i < times; i++) {
            kill.add(Long.toString(jvmPid()));
        }
        kill(kill);
    }

    /**
     * Sends {@code signal} to the process group led by the process started, as a shell does for
     * Ctrl-C; start that process with {@code setsid} so that it leads a group of its own.
     */
    public void signalGroup(String signal) throws InterruptedException {
        requireDefault(signal);
        kill(List.of("kill", "-s", signal, "--", "-" + process.pid()));
    }

    /**
     * Sends SIGTERM to the JVM from this process ({@link ProcessHandle#destroy()}), without starting
     * a {@code kill} command: for a measurement that starts its clock at the signal.
     */
    public void terminate() {
        long pid = jvmPid();
        markSignal();
        if (!ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false)) {
            throw new AssertionError("could not send SIGTERM to " + pid + "\n" + describeSoFar());
        }
    }

    private long jvmPid() {
        if (jvmPid < 0) {
            throw new IllegalStateException("wait for the ready line before signalling the JVM");
        }
        return jvmPid;
    }

    private void requireDefault(String signal) {
        DefaultSignals.whyNotDefault(signal).ifPresent(reason -> {
            close();
            throw new TestAbortedException(reason);
        });
    }

    private void markSignal() {
        lastSignalNanos = System.nanoTime();
        if (firstSignalNanos < 0) {
            firstSignalNanos = lastSignalNanos;
        }
    }

    private void kill(List<String> kill) throws InterruptedException {
        markSignal();
        try {
            Process process = new ProcessBuilder(kill).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", kill) + " failed: " + output + "\n" + describeSoFar());
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + kill + ": " + e + "\n" + describeSoFar(), e);
        }
    }

    /** Whether the child has written its exit report yet. */
    public boolean hasReport() {
        return Files.exists(dir.resolve(ChildJvm.REPORT_FILE));
    }

    /** Whether the process started is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether the process ends within {@code bound}, which is not a failure either way: for a
     * child that may rightly never end (then close it, which kills it).
     */
    public boolean exitsWithin(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for the exit; fails, showing the child, if it has not exited within {@link Bounds#EXIT} (and kills it). */
    public ChildResult awaitExit() throws InterruptedException {
        return awaitExit(Bounds.EXIT);
    }

    /** Waits for the exit; fails, showing the child, if it has not exited within {@code bound} (and kills it). */
    public ChildResult awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            String output = describeSoFar();
            close();
            throw new AssertionError("the child did not exit within " + bound.toSeconds() + " s; it was killed\n" + output);
        }
        long exitedNanos = System.nanoTime();
        stdout.drain(Duration.ofSeconds(10));
        stderr.drain(Duration.ofSeconds(10));
        Duration sinceFirst = firstSignalNanos < 0 ? null : Duration.ofNanos(exitedNanos - firstSignalNanos);
        Duration sinceLast = lastSignalNanos < 0 ? null : Duration.ofNanos(exitedNanos - lastSignalNanos);
        return new ChildResult(command, process.exitValue(), stdout.text(), stderr.text(), sinceFirst, sinceLast, dir);
    }

    /** The command, and everything printed so far. */
    public String describeSoFar() {
        return "child " + (process.isAlive() ? "still running" : "exited with " + process.exitValue())
                + "\ncommand: " + command + "\n--- stdout ---\n" + stdout.text() + "\n--- stderr ---\n" + stderr.text()
                + "\n--- end of child output ---";
    }

    /** Kills the child, its group if it leads one, and everything it started, if it still runs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (jvmPid > 0) {
            ProcessHandle.of(jvmPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
