package dev.exitguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher and the running child, with a real child JVM ({@link EchoMain}). */
class ChildTest {

    @TempDir
    Path dir;

    private ChildJvm echo(String... arguments) {
        return ChildJvm.onClassPath(Jdk.current(), EchoMain.class, dir).property("echo.label", "it's me").arguments(arguments);
    }

    @Test
    void aSignalledChildExitsWithItsCodeAndLeavesItsOutputAndEvents() throws InterruptedException {
        ChildResult result;
        try (Child child = echo("wait").start()) {
            assertEquals(child.pid(), child.awaitReady(), "no wrapper: the process started is the JVM");
            child.signal("TERM");
            result = child.awaitExit();
        }

        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(List.of("started it's me", "hook"), result.events().texts(), result::describe);
        result.events().assertInOrder("started it's me", "hook");
        AssertionError backwards = assertThrows(AssertionError.class,
                () -> result.events().assertInOrder("hook", "started it's me"));
        assertTrue(backwards.getMessage().startsWith("[hook] should come before [started it's me], but came "),
                backwards.getMessage());
        assertTrue(result.stdout().startsWith("first line\nRESULT one\n"), result::describe);
        assertEquals(1, result.countInStderr("to stderr"), result::describe);
        assertTrue(result.sinceFirstSignal().compareTo(Duration.ZERO) > 0, result::describe);
        assertFalse(result.hasReport(), "no exitguard, no report");
    }

    @Test
    void linesAreTakenInOrderEachOnce() throws InterruptedException {
        try (Child child = echo("wait").start()) {
            assertEquals("RESULT one", child.awaitLine("RESULT ", Bounds.READY));
            assertEquals("RESULT two", child.awaitLine("RESULT ", Bounds.READY));
            child.awaitReady();
            AssertionError none = assertThrows(AssertionError.class, () -> child.awaitLine("RESULT ", Duration.ofMillis(200)));
            assertTrue(none.getMessage().startsWith("the child printed no line starting with [RESULT ] within 200 ms"),
                    none.getMessage());
            child.terminate();
            assertEquals(143, child.awaitExit().exitCode());
        }
    }

    @Test
    void aChildThatDoesNotExitInTimeIsKilledAndTheFailureShowsItsOutput() throws InterruptedException {
        Child child = echo("wait").start();
        child.awaitReady();

        AssertionError hung = assertThrows(AssertionError.class, () -> child.awaitExit(Duration.ofMillis(300)));

        assertTrue(hung.getMessage().startsWith("the child did not exit within 0 s; it was killed\nchild still running\n"
                + "command: "), hung.getMessage());
        assertTrue(hung.getMessage().contains("--- stdout ---\nfirst line\n"), hung.getMessage());
        assertFalse(child.isAlive());
    }

    @Test
    void aChildThatMayRightlyNotEndIsNoFailureUntilClosed() throws InterruptedException {
        Child child = echo("wait").start();
        try (child) {
            child.awaitReady();
            assertFalse(child.exitsWithin(Duration.ofMillis(200)));
            assertTrue(child.isAlive());
        }
        assertFalse(child.isAlive(), "close killed it");
    }

    @Test
    void aChildExitsWithTheStatusItChose() throws InterruptedException {
        long before = System.nanoTime();
        try (Child child = echo("exit", "7").start()) {
            assertTrue(child.startedNanos() - before >= 0 && System.nanoTime() - child.startedNanos() >= 0);
            assertTrue(child.exitsWithin(Bounds.EXIT));
            ChildResult result = child.awaitExit();
            assertEquals(7, result.exitCode(), result::describe);
            assertEquals(null, result.sinceFirstSignal());
        }
    }

    @Test
    void recordingInAJvmWithoutAnEventsFileRecordsNothing() {
        assertEquals(null, System.getProperty(ChildJvm.EVENTS_PROPERTY));
        InChild.record("in the test's own JVM");
        assertFalse(java.nio.file.Files.exists(dir.resolve("events.log")));
    }

    @Test
    void asIsStartsTheJvmWithOnlyWhatItIsGiven() {
        List<String> command = ChildJvm.onClassPath(Jdk.current(), "Main", dir).asIs().flag("-Xmx1g")
                .classPath(List.of(Path.of("a.jar"), Path.of("b.jar"))).classPathFirst(Path.of("first.jar"))
                .arguments("x").javaCommand();

        assertEquals(List.of(Jdk.current().java().toString(), "-Xmx1g", "-cp", "first.jar:a.jar:b.jar", "Main", "x"), command);
    }

    @Test
    void testClassesOnlyKeepsTheMainClassesFolderAndTheKitAndWhatIsAdded() {
        List<String> command = ChildJvm.onClassPath(Jdk.current(), EchoMain.class, dir).testClassesOnly()
                .classPathFirst(Path.of("first")).classPathLast(Path.of("last")).javaCommand();

        assertEquals(String.join(java.io.File.pathSeparator, "first", ChildJvm.locationOf(EchoMain.class).toString(),
                ChildJvm.locationOf(InChild.class).toString(), "last"), command.get(command.indexOf("-cp") + 1));
        IllegalStateException byName = assertThrows(IllegalStateException.class,
                () -> ChildJvm.onClassPath(Jdk.current(), "Main", dir).testClassesOnly());
        assertTrue(byName.getMessage().startsWith("testClassesOnly() needs the main class itself"), byName.getMessage());
    }

    @Test
    void anExecutableJarRunsWithDashJarAndItsArguments() {
        List<String> command = ChildJvm.executableJar(Jdk.current(), Path.of("app.jar"), dir).arguments("x").javaCommand();

        assertEquals(List.of("-jar", "app.jar", "x"), command.subList(command.size() - 3, command.size()));
        assertFalse(command.contains("-cp"), command::toString);
    }

    @Test
    void aTestChildGetsTheFastStartFlagsItsEventsFileAndItsReport() {
        List<String> command = ChildJvm.onClassPath(Jdk.current(), "Main", dir).javaCommand();

        assertEquals(ChildJvm.FAST_START, command.subList(1, 1 + ChildJvm.FAST_START.size()));
        assertTrue(command.contains("-Dapp.events=" + dir.resolve("events.log")), command::toString);
        assertTrue(command.contains("-Dexitguard.report=" + dir.resolve("report.json")), command::toString);
    }

    @Test
    void signallingBeforeTheReadyLineIsRefused() throws InterruptedException {
        try (Child child = echo("wait").start()) {
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> child.signal("TERM"));
            assertEquals("wait for the ready line before signalling the JVM", early.getMessage());
        }
    }
}
