package dev.exitguard.testkit;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Finds the JDKs of {@link TestJdks}: reads the properties, the environment and the file system it is given. */
final class JdkFinder {

    /**
     * What the finder reads of the world, given to it so that its tests can give another.
     *
     * @param properties the system properties
     * @param env the environment variables
     * @param toolchains Maven's toolchains file (it need not exist)
     * @param folders the folders JDKs are installed in, each holding JDK homes
     * @param currentHome this JVM's {@code java.home}
     * @param currentVersion this JVM's {@code java.version}
     */
    record Surroundings(Function<String, String> properties, Map<String, String> env, Path toolchains,
            List<Path> folders, Path currentHome, String currentVersion) {

        static Surroundings ofThisJvm() {
            Path userHome = Path.of(System.getProperty("user.home"));
            return new Surroundings(System::getProperty, System.getenv(), userHome.resolve(".m2/toolchains.xml"),
                    wellKnownFolders(userHome), Path.of(System.getProperty("java.home")),
                    System.getProperty("java.version"));
        }
    }

    private static final Pattern ARCH_JAVA_HOME = Pattern.compile("JAVA_HOME_(\\d+)_[A-Z0-9_]+");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern FEATURE = Pattern.compile("(?:1\\.)?(\\d{1,3})(?:[.+_-].*)?");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env\\.)?([^}]+)}");

    private final Surroundings world;

    JdkFinder(Surroundings world) {
        this.world = world;
    }

    /** Where JDKs are installed by package managers, vendors' installers, SDKMAN, IntelliJ and asdf. */
    static List<Path> wellKnownFolders(Path userHome) {
        return List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/lib64/jvm"), Path.of("/usr/java"), Path.of("/opt/java"),
                Path.of("/Library/Java/JavaVirtualMachines"), userHome.resolve("Library/Java/JavaVirtualMachines"),
                userHome.resolve(".sdkman/candidates/java"), userHome.resolve(".jdks"),
                userHome.resolve(".asdf/installs/java"));
    }

    /** This JVM's JDK, then each other feature wanted, ascending, found or missing. */
    List<Jdk> matrix() {
        Set<Integer> required = features(TestJdks.REQUIRE_PROPERTY, "");
        Set<Integer> wanted = new TreeSet<>(features(TestJdks.VERSIONS_PROPERTY, TestJdks.DEFAULT_VERSIONS));
        wanted.addAll(required);
        Map<Integer, Jdk> named = named();
        wanted.addAll(named.keySet());
        Jdk current = Jdk.found(featureOf(world.currentVersion()), world.currentVersion(), world.currentHome(), "this JVM");
        List<Jdk> matrix = new ArrayList<>(List.of(current));
        List<Source> sources = null;
        for (int feature : wanted) {
            if (feature == current.feature()) {
                continue;
            }
            Jdk jdk = named.get(feature);
            if (jdk == null) {
                if (sources == null) {
                    sources = sources();
                }
                jdk = discovered(feature, sources)
                        .orElse(Jdk.missing(feature, absence(feature, required, sources), required.contains(feature)));
            }
            matrix.add(jdk);
        }
        return matrix;
    }

    private Set<Integer> features(String property, String byDefault) {
        String value = world.properties().apply(property);
        String text = value == null ? byDefault : value;
        Set<Integer> features = new TreeSet<>();
        for (String part : text.split(",")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.matches("\\d{1,3}")) {
                throw new IllegalArgumentException(property + ": [" + entry + "] is not a Java feature release such as"
                        + " 17 or 25 (in [" + text + "])");
            }
            features.add(Integer.parseInt(entry));
        }
        return features;
    }

    /** The JDKs named by the property and the variable, by feature; the first named of a feature wins. */
    private Map<Integer, Jdk> named() {
        Map<Integer, Jdk> named = new LinkedHashMap<>();
        name(named, "-D" + TestJdks.JDKS_PROPERTY, world.properties().apply(TestJdks.JDKS_PROPERTY));
        name(named, TestJdks.JDKS_ENV, world.env().get(TestJdks.JDKS_ENV));
        return named;
    }

    private static void name(Map<Integer, Jdk> named, String source, String value) {
        if (value == null) {
            return;
        }
        for (String part : value.split("[," + Pattern.quote(File.pathSeparator) + "]")) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                continue;
            }
            Path home = Path.of(entry);
            Jdk jdk = read(home, source).orElseThrow(() -> new IllegalArgumentException(source + ": [" + entry
                    + "] is not the home of a JDK: " + whyNot(home) + " (in [" + value + "])"));
            named.putIfAbsent(jdk.feature(), jdk);
        }
    }

    /** A place JDKs were looked for, and the homes it holds. */
    private record Source(String name, List<Path> homes, String note) {
    }

    private List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        sources.add(toolchains());
        Map<String, String> byArch = new TreeMap<>();
        world.env().forEach((name, value) -> {
            if (ARCH_JAVA_HOME.matcher(name).matches()) {
                byArch.put(name, value);
            }
        });
        sources.add(new Source("JAVA_HOME_<feature>_<arch>", byArch.values().stream().map(Path::of).toList(),
                byArch.isEmpty() ? "none set" : null));
        String javaHome = world.env().get("JAVA_HOME");
        sources.add(new Source("JAVA_HOME", javaHome == null || javaHome.isBlank() ? List.of() : List.of(Path.of(javaHome)),
                javaHome == null ? "not set" : null));
        for (Path folder : world.folders()) {
            sources.add(new Source(folder.toString(), homesIn(folder), null));
        }
        return sources;
    }

    /** The JDK homes of Maven's toolchains file, {@code <toolchain><type>jdk</type>...<jdkHome>}. */
    private Source toolchains() {
        String name = "Maven toolchains " + world.toolchains();
        if (!Files.isRegularFile(world.toolchains())) {
            return new Source(name, List.of(), "no such file");
        }
        List<Path> homes = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Document document = factory.newDocumentBuilder().parse(world.toolchains().toFile());
            NodeList toolchains = document.getElementsByTagName("toolchain");
            for (int i = 0; i < toolchains.getLength(); i++) {
                Element toolchain = (Element) toolchains.item(i);
                if ("jdk".equals(text(toolchain, "type"))) {
                    String home = resolve(text(toolchain, "jdkHome"));
                    if (home != null) {
                        homes.add(Path.of(home));
                    }
                }
            }
        } catch (Exception e) {
            return new Source(name, List.of(), "unreadable: " + e);
        }
        return new Source(name, homes, null);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node.getTextContent() != null && !node.getTextContent().isBlank()) {
                return node.getTextContent().strip();
            }
        }
        return null;
    }

    /** Maven's {@code ${env.NAME}} and {@code ${property}} in a toolchain's home; null if one cannot be resolved. */
    private String resolve(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) != null ? world.env().get(matcher.group(2))
                    : world.properties().apply(matcher.group(2));
            if (replacement == null) {
                return null;
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** The folders below {@code folder}, each a home, or holding one in {@code Contents/Home} (macOS). */
    private static List<Path> homesIn(Path folder) {
        List<Path> homes = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return homes;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path child : children) {
                homes.add(Files.isDirectory(child.resolve("Contents/Home")) ? child.resolve("Contents/Home") : child);
            }
        } catch (IOException e) {
            // An unreadable folder holds nothing this finder can use; the others are still looked at.
        }
        homes.sort(Comparator.naturalOrder());
        return homes;
    }

    /** The newest JDK of {@code feature} in the first source that has one. */
    private static Optional<Jdk> discovered(int feature, List<Source> sources) {
        for (Source source : sources) {
            Optional<Jdk> newest = source.homes().stream().map(home -> read(home, source.name()))
                    .flatMap(Optional::stream).filter(jdk -> jdk.feature() == feature)
                    .max((a, b) -> compareVersions(a.version(), b.version()));
            if (newest.isPresent()) {
                return newest;
            }
        }
        return Optional.empty();
    }

    private String absence(int feature, Set<Integer> required, List<Source> sources) {
        String looked = sources.stream().map(source -> source.name() + (source.note() == null ? "" : " (" + source.note() + ")"))
                .collect(Collectors.joining(", "));
        String seen = sources.stream().flatMap(source -> source.homes().stream().map(home -> read(home, source.name())))
                .flatMap(Optional::stream).map(jdk -> jdk.feature() + " (" + jdk.home() + ")").distinct()
                .collect(Collectors.joining(", "));
        String head = required.contains(feature)
                ? "JDK " + feature + " is required (-D" + TestJdks.REQUIRE_PROPERTY + "="
                        + world.properties().apply(TestJdks.REQUIRE_PROPERTY) + "), but none was found"
                : "no JDK " + feature + " was found, so this does not run on JDK " + feature;
        return head + ". Looked at -D" + TestJdks.JDKS_PROPERTY + " and " + TestJdks.JDKS_ENV + " (neither names a JDK " + feature + "), "
                + looked + (seen.isEmpty() ? "" : "; found JDKs " + seen) + ". To run on JDK " + feature
                + ", name its home: mvn verify -D" + TestJdks.JDKS_PROPERTY + "=/path/to/jdk-" + feature + " (or "
                + TestJdks.JDKS_ENV + "=/path/to/jdk-" + feature + "), or install one in one of those folders.";
    }

    /** The JDK at {@code home}, if it is one: an executable {@code bin/java} and a {@code release} file with its version. */
    static Optional<Jdk> read(Path home, String source) {
        String version = releaseVersion(home);
        if (version == null || !Files.isExecutable(home.resolve("bin/java"))) {
            return Optional.empty();
        }
        Integer feature = featureOf(version);
        if (feature == null) {
            return Optional.empty();
        }
        Path real;
        try {
            real = home.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(Jdk.found(feature, version, real, source));
    }

    private static String whyNot(Path home) {
        if (!Files.isDirectory(home)) {
            return "no such folder";
        }
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            return "it has no executable bin/java";
        }
        String version = releaseVersion(home);
        if (version == null) {
            return "it has no release file with a JAVA_VERSION";
        }
        return "its release file's JAVA_VERSION [" + version + "] is not a Java version";
    }

    private static String releaseVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(release)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        String value = properties.getProperty("JAVA_VERSION");
        return value == null ? null : value.replace("\"", "").strip();
    }

    /** 17 for {@code 17.0.13}, 25 for {@code 25}, 8 for {@code 1.8.0_392}; null for anything else. */
    static Integer featureOf(String version) {
        Matcher matcher = FEATURE.matcher(version);
        if (!matcher.matches()) {
            return null;
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Orders versions by their numbers: {@code 17.0.9} before {@code 17.0.13}, {@code 25} before {@code 25.0.1}. */
    static int compareVersions(String a, String b) {
        Matcher left = NUMBER.matcher(a);
        Matcher right = NUMBER.matcher(b);
        while (true) {
            boolean more = left.find();
            boolean moreRight = right.find();
            if (!more || !moreRight) {
                return Boolean.compare(more, moreRight);
            }
            int order = Long.compare(Long.parseLong(left.group()), Long.parseLong(right.group()));
            if (order != 0) {
                return order;
            }
        }
    }
}
