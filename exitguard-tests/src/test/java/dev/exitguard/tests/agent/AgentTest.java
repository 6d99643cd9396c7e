package dev.exitguard.tests.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.testkit.Report;
import dev.exitguard.tests.apps.Agent;
import dev.exitguard.tests.apps.agent.AgentApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -javaagent:exitguard-agent.jar} in real child JVMs, on the class path: an application
 * with no exitguard code, its {@code ServiceLoader} actions, the agent's options, and what happens
 * when the application has exitguard too.
 */
class AgentTest {

    @TempDir
    Path dir;


    @OnEachJdk
    void anAppWithNoExitguardCodeRunsItsServiceLoaderActionsOnSigtermAndWritesTheReportTheOptionsAskFor(Jdk jdk)
            throws InterruptedException {
        Path report = dir.resolve("exit.json");
        ChildJvm child = AgentChildren.withAgent(jdk, dir, "deadline=20s,report=" + report).property("exitguard.report", null);

        ChildResult result = AgentChildren.signalled(child, "TERM");

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
        ChildResult result = exited(AgentChildren.withAgent(Jdk.current(), dir, "deadline=5s,dedline=2s"));

        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("exitguard-agent: option [dedline] is not one the exitguard agent knows;"
                + " it knows deadline, haltGrace, actionTimeout, report, signals, foreignHooks, secondSignal,"
                + " duplicateSignalWindow, plan"), result::describe);
        assertTrue(result.stderr().contains("exitguard-agent: the application is not started"), result::describe);
        assertEquals(0, result.events().count("main began"), result::describe);
    }

    @Test
    void aBadValueIsNamedWithItsPropertyAndTheApplicationDoesNotStart() throws InterruptedException {
        ChildResult result = exited(AgentChildren.withAgent(Jdk.current(), dir, "deadline=banana"));

        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("1) exitguard.deadline: cannot read [banana] as a duration"),
                result::describe);
        assertTrue(result.stderr().contains("(agent options: deadline=banana)"), result::describe);
        assertEquals(0, result.events().count("main began"), result::describe);
    }

    @Test
    void anOptionThatDisagreesWithADashDIsAnError() throws InterruptedException {
        ChildResult result = exited(AgentChildren.withAgent(Jdk.current(), dir, "haltGrace=1s").property("exitguard.haltGrace", "2s"));

        assertEquals(1, result.exitCode(), result::describe);
        assertTrue(result.stderr().contains("exitguard-agent: option haltGrace=1s disagrees with"
                + " -Dexitguard.haltGrace=2s; give each setting once"), result::describe);
        assertEquals(0, result.events().count("main began"), result::describe);
    }

    @Test
    void anAppWithExitguardOfItsOwnGetsTheAgentsGuardOneCopyOfEachClassAndEachActionOnce()
            throws InterruptedException {
        // This JVM's class path, exitguard's jars included, comes first; the agent's jar is appended after it.
        ChildJvm child = ChildJvm.onClassPath(Jdk.current(), AgentApp.class, dir)
                .classPathFirst(AgentChildren.PROVIDERS.resolve("agent"))
                .flag(Agent.flag(""))
                .property("app.install", "true");

        ChildResult result = AgentChildren.signalled(child, "TERM");

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
        ChildResult result = AgentChildren.signalled(AgentChildren.withAgent(Jdk.current(), dir, "foreignHooks=leave")
                .property("app.hooks", "logging"), "TERM");

        assertEquals(143, result.exitCode(), result::describe);
        result.events().assertEachOnce(List.of("java.lang open to the class path: false", "hook logging ran",
                "hook early ran", "ran flush SIGNAL"));
        assertEquals(List.of("flush", "early-library"), result.report().names());
    }

    static ChildResult exited(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            return running.awaitExit();
        }
    }
}
