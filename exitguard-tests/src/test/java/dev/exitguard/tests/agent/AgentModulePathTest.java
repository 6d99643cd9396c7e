package dev.exitguard.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.Agent;
import dev.exitguard.tests.apps.ModuleApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Foreign hooks adopted on the module path, where exitguard's core is the named module
 * {@code dev.exitguard.core}: the agent opens {@code java.lang} to that module alone; without the
 * agent, {@code --add-opens java.base/java.lang=dev.exitguard.core} does, and without either the one
 * warning names that flag.
 */
class AgentModulePathTest {

    @TempDir
    Path dir;

    private ChildJvm app(Jdk jdk) {
        return ChildJvm.onModulePath(jdk, ModuleApp.modulePath(), ModuleApp.MODULE, ModuleApp.MAIN, dir)
                .property("app.hooks", "logging");
    }

    private static ChildResult terminated(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal("TERM");
            return running.awaitExit();
        }
    }

    private static void assertAdopted(ChildResult result) {
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(List.of("drain", "release", "shutdown hook logging-hook"), result.report().names(),
                result::describe);
        result.report().assertAll("SUCCEEDED");
        result.events().assertEachOnce(List.of("start drain", "start release", "hook logging ran",
                "java.lang open to dev.exitguard.core: true"));
        result.events().assertBefore("start release", "hook logging ran");
    }

    @OnEachJdk
    void theAgentOpensJavaLangToTheCoreModuleAloneAndItsExitRunsTheHooks(Jdk jdk) throws InterruptedException {
        ChildResult result = terminated(app(jdk).flag(Agent.flag("")));

        assertAdopted(result);
        result.events().assertEachOnce(List.of("java.lang open to the app's module: false"));
    }

    @Test
    void addOpensToTheCoreModuleDoesItWithoutTheAgent() throws InterruptedException {
        ChildResult result = terminated(app(Jdk.current())
                .flag("--add-opens=java.base/java.lang=dev.exitguard.core")
                .property("exitguard.foreignHooks", "adopt"));

        assertAdopted(result);
    }

    @Test
    void withoutEitherTheWarningNamesTheCoreModule() throws InterruptedException {
        ChildResult result = terminated(app(Jdk.current()).property("exitguard.foreignHooks", "adopt"));

        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(1, result.countInStderr("because java.base does not open java.lang to module dev.exitguard.core."
                + " To adopt them, start the JVM with -javaagent:exitguard-agent.jar, or with --add-opens"
                + " java.base/java.lang=dev.exitguard.core"), result::describe);
        assertEquals(List.of("drain", "release"), result.report().names(), result::describe);
        result.events().assertEachOnce(List.of("hook logging ran", "java.lang open to dev.exitguard.core: false"));
    }
}
