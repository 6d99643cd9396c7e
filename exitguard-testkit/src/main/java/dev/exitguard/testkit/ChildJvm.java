package dev.exitguard.testkit;

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
import java.util.stream.Stream;

/**
 * A child JVM to start: which {@link Jdk}, class path or module path, main class, system
 * properties, JVM flags, arguments, and optionally a command around {@code java} ({@code timeout},
 * {@code nohup}, a shell). Every child gets a folder of its own, where the program records its
 * events ({@value #EVENTS_PROPERTY}, see {@link InChild}) and exitguard writes its report
 * ({@value #REPORT_PROPERTY}); {@link Child} and {@link ChildResult} read both.
 *
 * <p>Whatever this JVM inherited, the child starts with SIGHUP, SIGINT and SIGQUIT at their
 * default (see {@link Child#signal}), so that a test means the same started in a terminal, in CI,
 * or in the background under {@code nohup}. A wrapper that ignores one again ({@code nohup}, a
 * script's background job) still does, as a test of that wants.
 *
 * <p>Not thread-safe: build it on one thread, then {@link #start()} it.
 *
 * @since 0.1
 */
public final class ChildJvm {

    /** The system property naming the child's events file. */
    public static final String EVENTS_PROPERTY = "app.events";

    /** exitguard's property naming the file its JSON report is written to. */
    public static final String REPORT_PROPERTY = "exitguard.report";

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
    private final Class<?> mainType;
    private final Path executableJar;
    private final List<Path> modulePath;
    private List<Path> classPath;
    private final List<Path> classPathFirst = new ArrayList<>();
    private final List<Path> classPathLast = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>(FAST_START);
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private UnaryOperator<List<String>> wrapper = UnaryOperator.identity();
    private boolean testClassesOnly;

    private ChildJvm(Jdk jdk, Path dir, String main, Class<?> mainType, Path executableJar, List<Path> modulePath) {
        this.jdk = Objects.requireNonNull(jdk, "jdk");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.main = executableJar == null ? Objects.requireNonNull(main, "main") : null;
        this.mainType = mainType;
        this.executableJar = executableJar;
        this.modulePath = modulePath;
        properties.put(EVENTS_PROPERTY, dir.resolve(EVENTS_FILE).toString());
        properties.put(REPORT_PROPERTY, dir.resolve(REPORT_FILE).toString());
    }

    /** A child running {@code main} on the class path of this test JVM, in the folder {@code dir}. */
    public static ChildJvm onClassPath(Jdk jdk, Class<?> main, Path dir) {
        return new ChildJvm(jdk, dir, main.getName(), main, null, null);
    }

    /**
     * A child running the class named {@code main}, which this test JVM need not see: put where it
     * lives on the child's class path with {@link #classPathFirst}, or give the whole class path
     * with {@link #classPath}.
     */
    public static ChildJvm onClassPath(Jdk jdk, String main, Path dir) {
        return new ChildJvm(jdk, dir, main, null, null, null);
    }

    /**
     * A child running {@code java -jar jar}: the jar's manifest names its main class and class path
     * (where an app that records events finds the kit: {@code locationOf(InChild.class)}).
     */
    public static ChildJvm executableJar(Jdk jdk, Path jar, Path dir) {
        return new ChildJvm(jdk, dir, null, null, Objects.requireNonNull(jar, "jar"), null);
    }

    /** A child running {@code module/mainClass} from {@code modulePath}, with no class path at all. */
    public static ChildJvm onModulePath(Jdk jdk, List<Path> modulePath, String module, String mainClass, Path dir) {
        return new ChildJvm(jdk, dir, module + "/" + mainClass, null, null, List.copyOf(modulePath));
    }

    /** Sets a system property of the child; null removes one set before (the events file and the report included). */
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

    /** Adds a JVM flag, after {@link #FAST_START}. */
    public ChildJvm flag(String flag) {
        flags.add(Objects.requireNonNull(flag, "flag"));
        return this;
    }

    /**
     * Starts the JVM as an application would be: without {@link #FAST_START}, without an events
     * file or a report, with no flag or property but those given after this. For a measurement.
     */
    public ChildJvm asIs() {
        flags.clear();
        properties.clear();
        return this;
    }

    /** Appends arguments for the child's {@code main}. */
    public ChildJvm arguments(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    /** Makes the class path exactly {@code entries} (and those put first or last), instead of this test JVM's. */
    public ChildJvm classPath(List<Path> entries) {
        this.classPath = List.copyOf(entries);
        return this;
    }

    /** Puts {@code entry} on the class path before the rest. */
    public ChildJvm classPathFirst(Path entry) {
        classPathFirst.add(Objects.requireNonNull(entry, "entry"));
        return this;
    }

    /** Puts {@code entry} on the class path after the rest. */
    public ChildJvm classPathLast(Path entry) {
        classPathLast.add(Objects.requireNonNull(entry, "entry"));
        return this;
    }

    /**
     * Leaves this JVM's class path out of the child's, but for the folder of its test classes (where
     * the main class was loaded from: the apps) and the kit the apps record their events with: the
     * jars of exitguard and of everything else are not there, as for an application that has none
     * of them; add what it needs with {@link #classPathFirst} and {@link #classPathLast}.
     *
     * @throws IllegalStateException unless the child was described with its main class itself
     */
    public ChildJvm testClassesOnly() {
        if (mainType == null) {
            throw new IllegalStateException("testClassesOnly() needs the main class itself, to find its folder:"
                    + " describe the child with onClassPath(jdk, Main.class, dir), not with the name " + main);
        }
        testClassesOnly = true;
        return this;
    }

    /** Runs the {@code java} command through this, e.g. {@code cmd -> ["timeout", ..., cmd...]}. */
    public ChildJvm wrappedIn(UnaryOperator<List<String>> wrapper) {
        this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
        return this;
    }

    /** The child's folder, where it runs and writes its events and report. */
    public Path dir() {
        return dir;
    }

    /** The {@code java ...} command, without any wrapper. */
    public List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(flags);
        command.addAll(coverageAgent());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (executableJar != null) {
            command.add("-jar");
            command.add(executableJar.toString());
        } else if (modulePath == null) {
            List<String> entries = new ArrayList<>();
            classPathFirst.forEach(p -> entries.add(p.toString()));
            if (testClassesOnly) {
                entries.add(locationOf(mainType).toString());
                entries.add(locationOf(InChild.class).toString());
            } else if (classPath == null) {
                for (String entry : testClassPath().split(File.pathSeparator)) {
                    // An empty entry would mean the child's working folder.
                    if (!entry.isBlank()) {
                        entries.add(entry);
                    }
                }
            } else {
                classPath.forEach(p -> entries.add(p.toString()));
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

    /** The whole command started: the reset of the signals, the wrapper, the {@code java} command. */
    public List<String> command() {
        List<String> command = new ArrayList<>(DefaultSignals.prefix());
        command.addAll(wrapper.apply(javaCommand()));
        return command;
    }

    /**
     * Starts the child, with no input, as under an orchestrator; close the result (try-with-resources)
     * so that nothing outlives the test.
     *
     * @throws org.opentest4j.TestAbortedException if the JDK was not found (see {@link Jdk#home()})
     * @throws UncheckedIOException if the process cannot be started
     */
    public Child start() {
        List<String> command = command();
        // No input: a shell in between then never waits for a terminal.
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            long startedNanos = System.nanoTime();
            return new Child(builder.start(), startedNanos, String.join(" ", command), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /**
     * The JaCoCo agent of this JVM, when coverage is measured ({@code -Pcoverage}), so that what the
     * child runs counts too; the agent appends to the same file, under a lock.
     */
    private static List<String> coverageAgent() {
        return Stream.of(ProcessHandle.current().info().arguments().orElse(new String[0]))
                .filter(option -> option.startsWith("-javaagent:") && option.contains("jacoco"))
                .toList();
    }

    /**
     * The class path of this test JVM: surefire keeps the real one in {@code surefire.test.class.path}
     * (its {@code java.class.path} may be a single manifest-only jar).
     */
    public static String testClassPath() {
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
