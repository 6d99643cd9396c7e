package dev.exitguard.tests.apps;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The exitguard agent's jar, which the build makes in the package phase of {@code exitguard-agent}
 * and hands over by path ({@code exitguard.tests.agent}); kept off this module's class path, like
 * an agent, which an application does not have on its own.
 */
public final class Agent {

    private Agent() {
    }

    /** The agent's jar; fails, saying how to build it, if the build gave none. */
    public static Path jar() {
        String value = System.getProperty("exitguard.tests.agent");
        if (value == null || value.isBlank() || value.startsWith("${")) {
            fail("no path to the agent's jar in -Dexitguard.tests.agent; run the tests through Maven"
                    + " (mvn -pl exitguard-tests -am verify), which builds it and sets it");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            fail("the agent is not a jar at " + jar + " (-Dexitguard.tests.agent): the self-contained jar is made in"
                    + " the package phase; run mvn verify rather than mvn test");
        }
        return jar;
    }

    /** The flag that starts the agent, with {@code options} (none if empty). */
    public static String flag(String options) {
        return "-javaagent:" + jar() + (options.isEmpty() ? "" : "=" + options);
    }
}
