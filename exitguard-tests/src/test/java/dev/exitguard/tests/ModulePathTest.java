package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.ModuleApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same promises on the module path, with no class path at all: the app module requires only the
 * core, its actions are {@code provides} of its own, and the signal trigger is there because its
 * module is on the module path.
 */
class ModulePathTest {

    @TempDir
    Path dir;

    private ChildJvm app(Jdk jdk) {
        return ChildJvm.onModulePath(jdk, ModuleApp.modulePath(), ModuleApp.MODULE, ModuleApp.MAIN, dir);
    }

    private static ChildResult signalled(ChildJvm child, String signal) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal(signal);
            return running.awaitExit();
        }
    }

    private static void assertRanOnce(ChildResult result) {
        Events events = result.events();
        events.assertEachOnce(List.of("start drain", "end drain", "start release", "end release"));
        events.assertBefore("end drain", "start release");
    }

    @OnEachJdk
    void sigintExitsWith130(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(app(jdk), "INT");
        assertEquals(130, result.exitCode(), result::describe);
        assertRanOnce(result);
        result.report().assertReason("SIGNAL", 130);
    }

    @OnEachJdk
    void sigtermExitsWith143(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(app(jdk), "TERM");
        assertEquals(143, result.exitCode(), result::describe);
        assertRanOnce(result);
        result.report().assertReason("SIGNAL", 143);
    }

    @OnEachJdk
    void configuredSighupExitsWith129(Jdk jdk) throws InterruptedException {
        ChildResult result = signalled(app(jdk).property("exitguard.signals", "INT,TERM,HUP"), "HUP");
        assertEquals(129, result.exitCode(), result::describe);
        assertRanOnce(result);
        result.report().assertReason("SIGNAL", 129);
    }

    @OnEachJdk
    void systemExitRunsTheActions(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = app(jdk).property("app.then", "exit:3").start()) {
            child.awaitReady();
            result = child.awaitExit();
        }
        assertEquals(3, result.exitCode(), result::describe);
        assertRanOnce(result);
        result.report().assertReason("JVM_SHUTDOWN", -1);
    }
}
