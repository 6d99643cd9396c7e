package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.ThreadLimitApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of threads in the middle of an exit: 400 actions of 300 ms at once, in a process that
 * may start only about 60 more threads. No action is lost, the coordinator survives, every action
 * runs once as threads free up, and the later phase still runs, all within the deadline.
 *
 * <p>The limit is real, and portable to any Linux whoever runs the tests: the child runs with
 * {@code -Xss256m}, so each Java thread it starts reserves 256 MB of address space, and once it is
 * up (its own threads started) the test caps its address space ({@code prlimit --as}) at what it
 * uses plus room for about 60 such stacks and some memory besides. Starting the 61st thread then
 * fails inside the JVM exactly as under a process or container limit on threads
 * ({@code OutOfMemoryError: unable to create native thread}). {@code ulimit -u} would do the same
 * but is not enforced for root, and it counts every process of the user. {@code MALLOC_ARENA_MAX}
 * keeps the C library from reserving an arena per thread, which would eat the room meant for stacks.
 */
class ThreadLimitTest {

    private static final long STACK = 256L << 20;
    private static final int THREADS = 60;

    @TempDir
    Path dir;

    @OnEachJdk
    void actionsWaitForAThreadAndTheLaterPhaseStillRuns(Jdk jdk) throws Exception {
        ChildResult result;
        try (Child child = ChildJvm.onClassPath(jdk, ThreadLimitApp.class, dir).flag("-Xss256m")
                .environment("MALLOC_ARENA_MAX", "2").property("exitguard.deadline", "40s").start()) {
            long pid = child.awaitReady();
            long limit = addressSpaceKb(pid) * 1024 + THREADS * STACK + STACK / 2;
            run(List.of("prlimit", "--pid", Long.toString(pid), "--as=" + limit + ":" + limit));
            child.signal("TERM");
            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("could not start a thread for exit action [work-"),
                () -> "the limit never bit, so this run proves nothing\n" + result.describe());
        assertFalse(result.stderr().contains("the exit coordinator failed"), result::describe);

        Report report = result.report();
        report.assertReason("SIGNAL", 143);
        assertEquals(401, report.actions().size(), result::describe);
        report.assertAll("SUCCEEDED");
        Events events = result.events();
        long lastWorkEnd = 0;
        for (int i = 0; i < 400; i++) {
            String name = String.format("work-%03d", i);
            events.assertEachOnce(List.of("start " + name, "end " + name));
            lastWorkEnd = Math.max(lastWorkEnd, events.time("end " + name));
        }
        assertTrue(lastWorkEnd <= events.time("start flush-journal"), result::describe);
        long waited = report.actions().stream().filter(a -> a.detail() != null && a.detail().startsWith("waited ")).count();
        assertTrue(waited > 0, () -> "some actions waited for a thread\n" + result.describe());
    }

    /** The address space the process {@code pid} uses now, in kB, from {@code /proc/<pid>/status}. */
    private static long addressSpaceKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return fail("no VmSize in /proc/" + pid + "/status");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " failed: " + output);
    }
}
