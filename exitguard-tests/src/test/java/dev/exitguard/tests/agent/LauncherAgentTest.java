package dev.exitguard.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.InChild;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.Agent;
import dev.exitguard.tests.apps.agent.AgentApp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executable jar that carries the agent: its manifest names {@code Launcher-Agent-Class}, and the
 * agent's jar is on the jar's {@code Class-Path}; {@code java -jar app.jar}, with no flag at all,
 * runs exitguard from before {@code main}, foreign hooks adopted.
 */
class LauncherAgentTest {

    @TempDir
    Path dir;

    @OnEachJdk
    void javaDashJarOfAJarNamingTheAgentAsItsLauncherAgentInstallsExitguardBeforeMain(Jdk jdk)
            throws IOException, InterruptedException {
        // The kit too: the app records its events with it.
        Path jar = executableJar(dir.resolve("app.jar"), Agent.jar(), ChildJvm.locationOf(AgentApp.class),
                ChildJvm.locationOf(InChild.class), AgentChildren.PROVIDERS.resolve("agent"));
        ChildJvm child = ChildJvm.executableJar(jdk, jar, dir)
                .property("exitguard.deadline", "2s")
                .property("app.hooks", "hung,logging");

        ChildResult result;
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal("TERM");
            result = running.awaitExit();
        }

        assertEquals(143, result.exitCode(), result::describe);
        Report report = result.report();
        report.assertReason("SIGNAL", 143);
        assertEquals(List.of("flush", "early-library", "shutdown hook early-hook", "shutdown hook hung-hook",
                "shutdown hook logging-hook"), report.names());
        assertEquals("TIMED_OUT", report.action("shutdown hook hung-hook").outcome(), result::describe);
        assertEquals("SUCCEEDED", report.action("shutdown hook logging-hook").outcome(), result::describe);
        result.events().assertEachOnce(List.of("java.lang open to the class path: true", "ran flush SIGNAL",
                "hook logging ran"));
        assertFalse(result.stderr().contains("exitguard-agent: "), result::describe);
    }

    /**
     * A jar holding nothing but a manifest: the app's main class, the agent, and a class path of
     * the others, relative to it.
     */
    static Path executableJar(Path jar, Path agent, Path... classPath) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, AgentApp.class.getName());
        main.put(new Attributes.Name("Launcher-Agent-Class"), "dev.exitguard.agent.ExitGuardAgent");
        StringBuilder entries = new StringBuilder(relative(jar, agent));
        for (Path entry : classPath) {
            entries.append(' ').append(relative(jar, entry));
        }
        main.put(Attributes.Name.CLASS_PATH, entries.toString());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole jar.
        }
        return jar;
    }

    /** {@code target} as a Class-Path entry: relative to the jar's folder, with a slash after a folder. */
    private static String relative(Path jar, Path target) {
        String path = jar.toAbsolutePath().getParent().relativize(target.toAbsolutePath()).toString()
                .replace(java.io.File.separatorChar, '/');
        return Files.isDirectory(target) ? path + "/" : path;
    }
}
