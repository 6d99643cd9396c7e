package dev.exitguard.tests.agent;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.tests.apps.Agent;
import dev.exitguard.tests.apps.agent.AgentApp;
import java.nio.file.Path;

/** The agent's scenarios' children: the app without exitguard's jars, started with the agent. */
final class AgentChildren {

    /** The provider folders; {@code agent} holds the app's service file. */
    static final Path PROVIDERS = Path.of(System.getProperty("exitguard.tests.providers", "src/test/providers"));

    private AgentChildren() {
    }

    /** The app with none of exitguard's jars, only its own classes and its service file, with the agent. */
    static ChildJvm withAgent(Jdk jdk, Path dir, String options) {
        return ChildJvm.onClassPath(jdk, AgentApp.class, dir).testClassesOnly()
                .classPathFirst(PROVIDERS.resolve("agent"))
                .flag(Agent.flag(options));
    }

    /** Starts the child, sends it {@code signal} once it is ready, and waits for its exit. */
    static ChildResult signalled(ChildJvm child, String signal) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal(signal);
            return running.awaitExit();
        }
    }
}
