package dev.exitguard.spring.child;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.InChild;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Spring Boot versions the child-JVM tests run the app on, each with its class path: the app's
 * classes (this module's test classes), exitguard ({@code exitguard-spring-boot}, api, core,
 * signals), the test kit the app records its events with, and that Spring Boot's web starter (with
 * Logback, its default, or with {@code spring-boot-starter-log4j2}). This module is compiled against
 * 4.0; the other class paths are resolved by the modules {@code exitguard-spring-boot/boot35},
 * {@code boot40-log4j2} and {@code boot35-log4j2}.
 */
public enum Boot {
    V4_0("4.0"),
    V3_5("3.5");

    private final String version;

    Boot(String version) {
        this.version = version;
    }

    /** The class path of the app with exitguard. */
    public List<Path> classPath() {
        return classPath(false, List.of());
    }

    /**
     * The class path of the app with exitguard and these further entries (an adapter's jar), on this
     * Spring Boot with its default logging (Logback) or with {@code spring-boot-starter-log4j2}.
     */
    public List<Path> classPath(boolean log4j2, List<Path> more) {
        List<Path> entries = new ArrayList<>();
        entries.add(Path.of(required("exitguard.spring.testClasses")));
        entries.add(Path.of(required("exitguard.spring.classes")));
        for (Class<?> type : List.of(ExitAction.class, ExitGuard.class, SignalTrigger.class, InChild.class)) {
            entries.add(ChildJvm.locationOf(type));
        }
        entries.addAll(more);
        for (Path entry : log4j2 ? springBootWithLog4j2() : springBoot()) {
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The class path of the app as plain Spring Boot: no exitguard jar at all (the kit it records with stays). */
    public List<Path> classPathWithoutExitGuard() {
        Set<Path> exitguard = Set.of(Path.of(required("exitguard.spring.classes")), ChildJvm.locationOf(ExitAction.class),
                ChildJvm.locationOf(ExitGuard.class), ChildJvm.locationOf(SignalTrigger.class));
        Path kit = ChildJvm.locationOf(InChild.class);
        List<Path> entries = new ArrayList<>();
        entries.add(Path.of(required("exitguard.spring.testClasses")));
        entries.add(kit);
        for (Path entry : springBoot()) {
            if (!exitguard.contains(entry) && !entry.equals(kit) && !entry.toString().contains("exitguard-")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private List<Path> springBoot() {
        return entries(this == V4_0 ? required("exitguard.spring.boot40ClassPath")
                : read("exitguard.spring.boot35ClassPathFile", "exitguard-spring-boot/boot35"));
    }

    private List<Path> springBootWithLog4j2() {
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

    private static List<Path> entries(String text) {
        List<Path> entries = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    /** The value of a system property the build sets; fails, naming it, if it is not set. */
    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.contains("${")) {
            fail("the system property " + property + " is not set (it was [" + value + "]); the build sets it,"
                    + " see this module's pom, so run the tests with mvn");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Spring Boot " + version;
    }
}
