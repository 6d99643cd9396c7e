package dev.exitguard.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.tests.apps.agent.AgentApp;
import dev.exitguard.tests.harness.Agent;
import dev.exitguard.tests.harness.Child;
import dev.exitguard.tests.harness.ChildJvm;
import dev.exitguard.tests.harness.ChildResult;
import dev.exitguard.tests.harness.Events;
import dev.exitguard.tests.harness.Jdk;
import dev.exitguard.tests.harness.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code java -javaagent:exitguard-agent.jar} in real child JVMs, on the class path: an application
 * with no exitguard code, its {@code ServiceLoader} actions, the agent's options, and what happens
 * when the application has exitguard too.
 */
class AgentTest {

    /** Generous: an exit here takes about a second; only a hang (or a machine stalled for a minute) reaches it. */
    static final Duration EXIT_BOUND = Duration.ofSeconds(60);
    static final Path PROVIDERS = Path.of(System.getProperty("exitguard.tests.providers", "src/test/providers"));

    @TempDir
    Path dir;

    /** The app with none of exitguard's jars, only its own classes and its service file, with the agent. */
    static ChildJvm withAgent(Jdk jdk, Path dir, String options) {
        return ChildJvm.onClassPath(jdk, AgentApp.class, dir).testClassesOnly()
                .classPathFirst(PROVIDERS.resolve("agent"))
                .flag(Agent.flag(options));
    }

    static ChildResult signalled(ChildJvm child, String signal) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal(signal);
            return running.awaitExit(EXIT_BOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void anAppWithNoExitguardCodeRunsItsServiceLoaderActionsOnSigtermAndWritesTheReportTheOptionsAskFor(Jdk jdk)
            throws InterruptedException {
        Path report = dir.resolve("exit.json");
        ChildJvm child = withAgent(jdk, dir, "deadline=20s,report=" + report).property("exitguard.report", null);

        ChildResult result = signalled(child, "TERM");

        assertEquals(143, result.exitCode(), result::describe);
        Events events = result.events();
        events.assertEachOnce(List.of("main began", "ran flush SIGNAL", "ran early-library", "hook early ran"));
        assertEquals(0, events.count("java.lang open to the class path: false"), events::toString);
        Report written = AgentReports.read(report, result);
        written.assertReason("SIGNAL", 143);
        assertEquals(20_000, written.deadlineMillis());
        assertEquals(List.of("flush", "early-library", "shutdown hook early-hook"), written.names());
        written.assertAll("SUCCEEDED");
    }

    @Test
    void anUnknownOptionIsNamedAndTheApplicationDoesNotStart() throws InterruptedException {
        ChildResult result = exited(withAgent(Jdk.JDK_17, dir, "deadline=5s,dedline=2s"));

        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("exitguard-agent: option [dedline] is not one the exitguard agent knows;"
                + " it knows deadline, haltGrace, actionTimeout, report, signals, foreignHooks, secondSignal,"
                + " duplicateSignalWindow, plan"), result::describe);
        assertTrue(result.stderr().contains("exitguard-agent: the application is not started"), result::describe);
        assertEquals(0, result.events().count("main began"), result::describe);
    }

    @Test
    void aBadValueIsNamedWithItsPropertyAndTheApplicationDoesNotStart() throws InterruptedException {
        ChildResult result = exited(withAgent(Jdk.JDK_17, dir, "deadline=banana"));

        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("1) exitguard.deadline: cannot read [banana] as a duration"),
                result::describe);
        assertTrue(result.stderr().contains("(agent options: deadline=banana)"), result::describe);
        assertEquals(0, result.events().count("main began"), result::describe);
    }

    @Test
    void anOptionThatDisagreesWithADashDIsAnError() throws InterruptedException {
        ChildResult result = exited(withAgent(Jdk.JDK_17, dir, "haltGrace=1s").property("exitguard.haltGrace", "2s"));

        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("exitguard-agent: option haltGrace=1s disagrees with"
                + " -Dexitguard.haltGrace=2s; give each setting once"), result::describe);
        assertEquals(0, result.events().count("main began"), result::describe);
    }

    @Test
    void anAppWithExitguardOfItsOwnGetsTheAgentsGuardOneCopyOfEachClassAndEachActionOnce()
            throws InterruptedException {
        // This JVM's class path, exitguard's jars included, comes first; the agent's jar is appended after it.
        ChildJvm child = ChildJvm.onClassPath(Jdk.JDK_17, AgentApp.class, dir)
                .classPathFirst(PROVIDERS.resolve("agent"))
                .flag(Agent.flag(""))
                .property("app.install", "true");

        ChildResult result = signalled(child, "TERM");

        assertEquals(143, result.exitCode(), result::describe);
        result.events().assertEachOnce(List.of("guard before main: true", "install returned that guard",
                "ran registered", "ran flush SIGNAL", "ran early-library"));
        Report report = result.report();
        assertEquals(List.of("flush", "registered", "early-library", "shutdown hook early-hook"), report.names());
        report.assertAll("SUCCEEDED");
        assertTrue(result.stderr().contains("exitguard-agent: exitguard's classes come from"), result::describe);
        assertTrue(result.stderr().contains("one copy serves both"), result::describe);
    }

    @Test
    void withForeignHooksLeftTheAgentOpensNothingAndTheJvmRunsThem() throws InterruptedException {
        ChildResult result = signalled(withAgent(Jdk.JDK_17, dir, "foreignHooks=leave")
                .property("app.hooks", "logging"), "TERM");

        assertEquals(143, result.exitCode(), result::describe);
        result.events().assertEachOnce(List.of("java.lang open to the class path: false", "hook logging ran",
                "hook early ran", "ran flush SIGNAL"));
        assertEquals(List.of("flush", "early-library"), result.report().names());
    }

    static ChildResult exited(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            return running.awaitExit(EXIT_BOUND);
        }
    }
}
