package dev.exitguard.tests.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running child JVM (or the wrapper around it). Close it: a child still running then is killed,
 * with everything it started.
 */
public final class Child implements AutoCloseable {

    /**
     * How long a child may take to start and print its ready line. Generous: two cores shared by
     * several builds and several child JVMs can stretch a 0.3 s start-up many times over.
     */
    public static final Duration READY_BOUND = Duration.ofSeconds(60);

    private static final Pattern READY = Pattern.compile("(?m)^READY pid=(\\d+)$");

    private final Process process;
    private final String command;
    private final Path dir;
    private final Output stdout;
    private final Output stderr;
    private volatile long jvmPid = -1;
    private volatile long firstSignalNanos = -1;
    private volatile long lastSignalNanos = -1;

    Child(Process process, String command, Path dir) {
        this.process = process;
        this.command = command;
        this.dir = dir;
        this.stdout = new Output(process.getInputStream(), "child-" + process.pid() + "-stdout");
        this.stderr = new Output(process.getErrorStream(), "child-" + process.pid() + "-stderr");
    }

    /** The process started: the JVM, or the wrapper around it. */
    public long pid() {
        return process.pid();
    }

    /** Waits for the app's ready line, {@code READY pid=<pid>}, and returns the JVM's pid. */
    public long awaitReady() throws InterruptedException {
        String text = stdout.await(t -> READY.matcher(t).find(), READY_BOUND);
        if (text == null) {
            close();
            fail("the child printed no ready line within " + READY_BOUND.toSeconds() + " s\n" + describeSoFar());
        }
        Matcher matcher = READY.matcher(text);
        matcher.find();
        jvmPid = Long.parseLong(matcher.group(1));
        return jvmPid;
    }

    /**
     * Waits for an app that announces itself in its own words, not with {@code READY pid=<pid>}:
     * for the first match of {@code line} in stdout, which it returns. The JVM is then taken to be
     * the process started, so start such a child without a wrapper.
     */
    public MatchResult awaitReady(Pattern line) throws InterruptedException {
        String text = stdout.await(t -> line.matcher(t).find(), READY_BOUND);
        if (text == null) {
            close();
            fail("the child printed nothing matching [" + line + "] within " + READY_BOUND.toSeconds() + " s\n"
                    + describeSoFar());
        }
        Matcher matcher = line.matcher(text);
        matcher.find();
        jvmPid = process.pid();
        return matcher.toMatchResult();
    }

    /** Waits until stderr contains {@code text}; fails, showing the child, if it does not within {@code bound}. */
    public void awaitStderr(String text, Duration bound) throws InterruptedException {
        if (stderr.await(t -> t.contains(text), bound) == null) {
            fail("the child did not print [" + text + "] to stderr within " + bound.toMillis() + " ms\n" + describeSoFar());
        }
    }

    /** Waits until stdout contains {@code text}; fails, showing the child, if it does not within {@code bound}. */
    public void awaitStdout(String text, Duration bound) throws InterruptedException {
        if (stdout.await(t -> t.contains(text), bound) == null) {
            fail("the child did not print [" + text + "] to stdout within " + bound.toMillis() + " ms\n" + describeSoFar());
        }
    }

    /** Waits until the app has recorded the event {@code text}; fails, showing the child, if not within {@code bound}. */
    public void awaitEvent(String text, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (events().count(text) == 0) {
            if (System.nanoTime() - end > 0 || !process.isAlive() && events().count(text) == 0) {
                fail("the child did not record [" + text + "] within " + bound.toMillis() + " ms; it recorded "
                        + events() + "\n" + describeSoFar());
            }
            Thread.sleep(20);
        }
    }

    /** What the app recorded so far. */
    public Events events() {
        return Events.read(dir.resolve(ChildJvm.EVENTS_FILE), this::describeSoFar);
    }

    /** Sends {@code signal} (e.g. {@code "TERM"}) to the JVM, with {@code kill}; the ready line must have been seen. */
    public void signal(String signal) throws InterruptedException {
        signal(signal, 1);
    }

    /** Sends {@code signal} {@code times} times, as fast as one {@code kill} command sends them. */
    public void signal(String signal, int times) throws InterruptedException {
        if (jvmPid < 0) {
            throw new IllegalStateException("wait for the ready line before signalling the JVM");
        }
        List<String> command = new ArrayList<>(List.of("kill", "-s", signal));
        for (int i = 0; i < times; i++) {
            command.add(Long.toString(jvmPid));
        }
        kill(command);
    }

    /**
     * Sends {@code signal} to the process group led by the process started, as a shell does for
     * Ctrl-C; start that process with {@code setsid} so that it leads a group of its own.
     */
    public void signalGroup(String signal) throws InterruptedException {
        kill(List.of("kill", "-s", signal, "--", "-" + process.pid()));
    }

    private void kill(List<String> command) throws InterruptedException {
        lastSignalNanos = System.nanoTime();
        if (firstSignalNanos < 0) {
            firstSignalNanos = lastSignalNanos;
        }
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                fail(String.join(" ", command) + " failed: " + output + "\n" + describeSoFar());
            }
        } catch (IOException e) {
            fail("could not run " + command + ": " + e + "\n" + describeSoFar());
        }
    }

    /** Whether the process started is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit; fails, showing the child, if it has not exited within {@code bound} (and kills it). */
    public ChildResult awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            String output = describeSoFar();
            close();
            fail("the child did not exit within " + bound.toSeconds() + " s; it was killed\n" + output);
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
