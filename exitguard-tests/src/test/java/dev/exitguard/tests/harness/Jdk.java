package dev.exitguard.tests.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.io.Reader;

/**
 * The JDKs every scenario runs on. A JDK that is missing fails the scenario, saying where it was
 * looked for and how to point at another one; it never skips it.
 */
public enum Jdk {
    JDK_17(17, "/usr/lib/jvm/java-17-openjdk-amd64"),
    JDK_25(25, "/usr/lib/jvm/temurin-25-jdk-amd64");

    private final int feature;
    private final String defaultHome;

    Jdk(int feature, String defaultHome) {
        this.feature = feature;
        this.defaultHome = defaultHome;
    }

    /** The system property that points at this JDK's home, e.g. {@code exitguard.tests.jdk25}. */
    public String property() {
        return "exitguard.tests.jdk" + feature;
    }

    /** This JDK's {@code bin/java}; fails the test, saying why, if it is not there or not this version. */
    public Path java() {
        String configured = System.getProperty(property());
        Path home = Path.of(configured != null ? configured
                : Runtime.version().feature() == feature ? System.getProperty("java.home") : defaultHome);
        Path java = home.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            fail("JDK " + feature + " is missing: there is no executable " + java
                    + "; install it, or point -D" + property() + " at the home of a JDK " + feature);
        }
        String version = releaseVersion(home);
        if (version == null || !(version.equals(Integer.toString(feature)) || version.startsWith(feature + "."))) {
            fail("the JDK at " + home + " is not JDK " + feature + " (its release file says JAVA_VERSION="
                    + version + "); point -D" + property() + " at the home of a JDK " + feature);
        }
        return java;
    }

    private static String releaseVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(release)) {
            properties.load(reader);
        } catch (IOException e) {
            return null;
        }
        String value = properties.getProperty("JAVA_VERSION");
        return value == null ? null : value.replace("\"", "");
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }
}
