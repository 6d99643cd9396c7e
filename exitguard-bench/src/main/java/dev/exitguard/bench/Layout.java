package dev.exitguard.bench;

import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.Jdk;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Where the built benchmark lives ({@code target/} of the module): the child jar and the peers'
 * jars in {@code lib/}. Each child JVM gets only the jars of the peer it runs, so that no peer pays
 * for another's jars (ServiceLoader opens every jar on the class path).
 */
final class Layout {

    /** A peer's jars, by the start of their file names in {@code lib/}. */
    enum Jars {
        NONE(),
        EXITGUARD("exitguard-api", "exitguard-core", "exitguard-signals"),
        GUAVA("guava-", "failureaccess-"),
        SPRING("spring-", "micrometer-", "commons-logging-"),
        HADOOP("hadoop-common-", "hadoop-shaded-guava-", "hadoop-annotations-", "slf4j-api-", "commons-", "woodstox-core-",
                "stax2-api-", "re2j-");

        private final String[] prefixes;

        Jars(String... prefixes) {
            this.prefixes = prefixes;
        }
    }

    /** What every child JVM runs. */
    private static final String CHILD_MAIN = "dev.exitguard.bench.child.Child";

    private static final String ACTIONS_SERVICE_FILE = "META-INF/services/dev.exitguard.api.ExitAction";

    private final Path target;
    private final Path childJar;
    private final Path lib;

    private Layout(Path target) {
        this.target = target;
        this.childJar = target.resolve("exitguard-bench-child.jar");
        this.lib = target.resolve("lib");
    }

    /** The layout around the jar this class was loaded from. */
    static Layout find() throws IOException {
        Path self;
        try {
            self = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Layout layout = new Layout(self.getParent());
        if (!Files.isRegularFile(layout.childJar) || !Files.isDirectory(layout.lib)) {
            throw new IOException("the benchmark is not built: " + layout.childJar + " or " + layout.lib
                    + " is missing; run: mvn -Pbench -pl exitguard-bench -am package -DskipTests");
        }
        return layout;
    }

    Path target() {
        return target;
    }

    /**
     * A child JVM on this JDK running {@code dev.exitguard.bench.child.Child}, as an application
     * starts (no flag or property but those the caller adds), on the child jar, the jars of
     * {@code groups}, then {@code extra}.
     */
    ChildJvm child(List<Path> extra, Jars... groups) throws IOException {
        return ChildJvm.onClassPath(Jdk.current(), CHILD_MAIN, target).asIs().classPath(classPath(childJar, extra, groups));
    }

    /**
     * The same on the child jar {@link #withoutActions()}: what an application that gives exitguard
     * nothing to run has on its class path.
     */
    ChildJvm childWithoutActions(List<Path> extra, Jars... groups) throws IOException {
        return ChildJvm.onClassPath(Jdk.current(), CHILD_MAIN, target).asIs()
                .classPath(classPath(withoutActions(), extra, groups));
    }

    /**
     * A copy of the child jar without its {@code META-INF/services/dev.exitguard.api.ExitAction}, made
     * once: on it {@code ExitGuard.install()} finds no action.
     */
    synchronized Path withoutActions() throws IOException {
        Path copy = target.resolve("exitguard-bench-child-noactions.jar");
        if (Files.isRegularFile(copy) && Files.getLastModifiedTime(copy).compareTo(Files.getLastModifiedTime(childJar)) >= 0) {
            return copy;
        }
        Path partial = target.resolve("exitguard-bench-child-noactions.jar.part");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(childJar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(partial))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(ACTIONS_SERVICE_FILE)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private List<Path> classPath(Path child, List<Path> extra, Jars... groups) throws IOException {
        List<Path> entries = new ArrayList<>();
        entries.add(child);
        List<Path> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Jars group : groups) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                for (String prefix : group.prefixes) {
                    if (name.startsWith(prefix)) {
                        entries.add(jar);
                        break;
                    }
                }
            }
        }
        entries.addAll(extra);
        return entries;
    }

    /** Whether {@code lib/} holds an exitguard-signals jar that provides an ExitTrigger. */
    boolean hasSignalsTrigger() throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().startsWith("exitguard-signals")).toList()) {
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                    if (file.getEntry("META-INF/services/dev.exitguard.api.ExitTrigger") != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
