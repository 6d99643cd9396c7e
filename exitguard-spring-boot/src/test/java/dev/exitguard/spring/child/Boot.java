package dev.exitguard.spring.child;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Spring Boot versions the child-JVM tests run the app on, each with its class path: the app's
 * classes (this module's test classes), exitguard ({@code exitguard-spring-boot}, api, core,
 * signals), and that Spring Boot's web starter. This module is compiled against 4.0; the 3.5 class
 * path is resolved by the module {@code exitguard-spring-boot/boot35}.
 */
public enum Boot {
    V4_0("4.0"),
    V3_5("3.5");

    private final String version;

    Boot(String version) {
        this.version = version;
    }

    /** The class path of the app with exitguard. */
    public List<String> classPath() {
        return classPath(false, List.of());
    }

    /**
     * The class path of the app with exitguard and these further entries (an adapter's jar), on this
     * Spring Boot with its default logging (Logback) or with {@code spring-boot-starter-log4j2}.
     */
    public List<String> classPath(boolean log4j2, List<String> more) {
        List<String> entries = new ArrayList<>();
        entries.add(required("exitguard.spring.testClasses"));
        entries.add(required("exitguard.spring.classes"));
        for (Class<?> type : List.of(ExitAction.class, ExitGuard.class, SignalTrigger.class)) {
            entries.add(locationOf(type).toString());
        }
        entries.addAll(more);
        for (String entry : log4j2 ? springBootWithLog4j2() : springBoot()) {
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The class path of the app as plain Spring Boot: no exitguard jar at all. */
    public List<String> classPathWithoutExitGuard() {
        Set<String> exitguard = Set.of(required("exitguard.spring.classes"), locationOf(ExitAction.class).toString(),
                locationOf(ExitGuard.class).toString(), locationOf(SignalTrigger.class).toString());
        List<String> entries = new ArrayList<>();
        entries.add(required("exitguard.spring.testClasses"));
        for (String entry : springBoot()) {
            if (!exitguard.contains(entry) && !entry.contains("exitguard-")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private List<String> springBoot() {
        return entries(this == V4_0 ? required("exitguard.spring.boot40ClassPath")
                : read("exitguard.spring.boot35ClassPathFile", "exitguard-spring-boot/boot35"));
    }

    private List<String> springBootWithLog4j2() {
        return this == V4_0 ? entries(read("exitguard.spring.boot40Log4j2ClassPathFile", "exitguard-spring-boot/boot40-log4j2"))
                : entries(read("exitguard.spring.boot35Log4j2ClassPathFile", "exitguard-spring-boot/boot35-log4j2"));
    }

    /** The class path a module wrote into the file the property names. */
    private String read(String property, String module) {
        Path file = Path.of(required(property));
        if (!Files.isRegularFile(file)) {
            fail("the " + this + " class path " + file + " is missing: build the module " + module
                    + " first (mvn -pl exitguard-spring-boot -am verify does)");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> entries(String text) {
        List<String> entries = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.contains("${")) {
            fail("the system property " + property + " is not set (it was [" + value + "]); the build sets it,"
                    + " see this module's pom, so run the tests with mvn");
        }
        return value;
    }

    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    @Override
    public String toString() {
        return "Spring Boot " + version;
    }
}
