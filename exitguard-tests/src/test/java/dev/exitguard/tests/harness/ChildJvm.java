package dev.exitguard.tests.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Describes a child JVM to start: which {@link Jdk}, class path or module path, main class, system
 * properties, JVM flags, and optionally a command around {@code java} ({@code timeout},
 * {@code nohup}, a shell). Every child gets a folder of its own, where its app records events
 * ({@code app.events}) and exitguard writes its report ({@code exitguard.report}).
 */
public final class ChildJvm {

    static final String EVENTS_FILE = "events.log";
    static final String REPORT_FILE = "report.json";

    /**
     * Flags that make a short-lived JVM start fast and small: C1 only, class data sharing where
     * the JDK has an archive, a small serial heap, no perf-data file.
     */
    public static final List<String> FAST_START = List.of("-Xms8m", "-Xmx64m", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    private final Jdk jdk;
    private final Path dir;
    private final String main;
    private final List<Path> modulePath;
    private final List<Path> classPathFirst = new ArrayList<>();
    private final List<Path> classPathLast = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>(FAST_START);
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private UnaryOperator<List<String>> wrapper = UnaryOperator.identity();

    private ChildJvm(Jdk jdk, Path dir, String main, List<Path> modulePath) {
        this.jdk = Objects.requireNonNull(jdk, "jdk");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.main = main;
        this.modulePath = modulePath;
        properties.put("app.events", dir.resolve(EVENTS_FILE).toString());
        properties.put("exitguard.report", dir.resolve(REPORT_FILE).toString());
    }

    /** A child running {@code main} on the class path of this test JVM (which holds api, core, signals and the apps). */
    public static ChildJvm onClassPath(Jdk jdk, Class<?> main, Path dir) {
        return new ChildJvm(jdk, dir, main.getName(), null);
    }

    /**
     * A child running the class named {@code main}, which this test JVM need not see: put where it
     * lives on the child's class path with {@link #classPathFirst}.
     */
    public static ChildJvm onClassPath(Jdk jdk, String main, Path dir) {
        return new ChildJvm(jdk, dir, Objects.requireNonNull(main, "main"), null);
    }

    /** A child running {@code module/mainClass} from {@code modulePath}, with no class path at all. */
    public static ChildJvm onModulePath(Jdk jdk, List<Path> modulePath, String module, String mainClass, Path dir) {
        return new ChildJvm(jdk, dir, module + "/" + mainClass, List.copyOf(modulePath));
    }

    /** Sets a system property of the child; null removes one set before (including the defaults). */
    public ChildJvm property(String key, String value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
        return this;
    }

    /** Sets an environment variable of the child, besides those it inherits. */
    public ChildJvm environment(String key, String value) {
        environment.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    public ChildJvm flag(String flag) {
        flags.add(flag);
        return this;
    }

    /** Appends arguments for the child's {@code main}. */
    public ChildJvm arguments(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    /** Puts {@code entry} on the class path before this JVM's own. */
    public ChildJvm classPathFirst(Path entry) {
        classPathFirst.add(entry);
        return this;
    }

    /** Puts {@code entry} on the class path after this JVM's own. */
    public ChildJvm classPathLast(Path entry) {
        classPathLast.add(entry);
        return this;
    }

    /** Runs the {@code java} command through this, e.g. {@code cmd -> ["timeout", ..., cmd...]}. */
    public ChildJvm wrappedIn(UnaryOperator<List<String>> wrapper) {
        this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
        return this;
    }

    public Path dir() {
        return dir;
    }

    /** The {@code java ...} command, without any wrapper. */
    public List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(flags);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (modulePath == null) {
            List<String> entries = new ArrayList<>();
            classPathFirst.forEach(p -> entries.add(p.toString()));
            for (String entry : testClassPath().split(File.pathSeparator)) {
                // An empty entry would mean the child's working folder.
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
            classPathLast.forEach(p -> entries.add(p.toString()));
            command.add("-cp");
            command.add(String.join(File.pathSeparator, entries));
            command.add(main);
        } else {
            command.add("-p");
            command.add(modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
            command.add("-m");
            command.add(main);
        }
        command.addAll(arguments);
        return command;
    }

    /** Starts the child; close the result (try-with-resources) so that nothing outlives the test. */
    public Child start() {
        List<String> command = wrapper.apply(javaCommand());
        // No input, as under an orchestrator; a shell in between then never waits for a terminal.
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            return new Child(builder.start(), String.join(" ", command), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /**
     * The class path of this test JVM: surefire keeps the real one in {@code surefire.test.class.path}
     * (its {@code java.class.path} may be a single manifest-only jar).
     */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** The jar or folder {@code type} was loaded from: a module path entry for its module. */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }
}
