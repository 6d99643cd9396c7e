package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jars of the logging backends and adapters, which the build keeps off this module's test class
 * path and hands over by path ({@code exitguard.tests.jar.<artifactId>}), so each child gets only its own.
 */
final class Jars {

    private Jars() {
    }

    /** The jar (or classes folder) of {@code artifactId}; fails, saying how to run the test, if the build gave none. */
    static Path of(String artifactId) {
        String property = "exitguard.tests.jar." + artifactId;
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            fail("no path to " + artifactId + " in -D" + property + "; run this test through Maven"
                    + " (mvn -pl exitguard-tests verify), which sets it from the module's dependencies");
        }
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            fail(artifactId + " is not at " + path + " (-D" + property + ")");
        }
        return path;
    }
}
