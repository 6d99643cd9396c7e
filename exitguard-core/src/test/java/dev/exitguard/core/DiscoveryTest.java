package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import java.io.IOException;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceLoader discovery: broken providers are named and skipped, the good ones load. */
class DiscoveryTest {

    static final AtomicInteger GOOD_RUNS = new AtomicInteger();

    public static final class Good implements ExitAction {
        @Override
        public void run(ExitContext context) {
            GOOD_RUNS.incrementAndGet();
        }

        @Override
        public String name() {
            return "good";
        }
    }

    public static final class AlsoGood implements ExitAction {
        @Override
        public void run(ExitContext context) {
        }

        @Override
        public String name() {
            return "also-good";
        }
    }

    public static final class NoNoArgConstructor implements ExitAction {
        public NoNoArgConstructor(String required) {
        }

        @Override
        public void run(ExitContext context) {
        }
    }

    public static final class ThrowingConstructor implements ExitAction {
        public ThrowingConstructor() {
            throw new IllegalStateException("database URL not configured");
        }

        @Override
        public void run(ExitContext context) {
        }
    }

    public static final class NotAnAction {
    }

    public static final class GoodTrigger implements ExitTrigger {
        @Override
        public void arm(ExitRequests requests) {
        }

        @Override
        public void disarm() {
        }
    }

    private static ClassLoader withServiceFile(Path folder, String service, String content) throws IOException {
        Path file = folder.resolve("META-INF/services/" + service);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return new URLClassLoader(new URL[] {folder.toUri().toURL()}, DiscoveryTest.class.getClassLoader());
    }

    @Test
    void brokenProvidersAreNamedAndSkippedAndTheGoodOnesStillLoad(@TempDir Path folder) throws IOException {
        String prefix = DiscoveryTest.class.getName() + "$";
        ClassLoader loader = withServiceFile(folder, ExitAction.class.getName(), String.join("\n",
                "# the application's exit actions",
                "",
                prefix + "Good",
                "com.example.Missing   # a jar that is not there",
                prefix + "NoNoArgConstructor",
                prefix + "ThrowingConstructor",
                prefix + "NotAnAction",
                prefix + "AlsoGood",
                prefix + "Good"));
        List<String> warnings = new ArrayList<>();

        List<Discovery.Found<ExitAction>> found = Discovery.load(ExitAction.class, loader, warnings);

        assertEquals(List.of("good", "also-good"), found.stream().map(f -> f.provider().name()).toList());
        assertEquals(4, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("skipped a broken ExitAction provider: ")
                && warnings.get(0).contains("com.example.Missing not found"), warnings.get(0));
        assertTrue(warnings.get(1).contains(prefix + "NoNoArgConstructor Unable to get public no-arg constructor"),
                warnings.get(1));
        assertTrue(warnings.get(2).contains(prefix + "ThrowingConstructor could not be instantiated")
                && warnings.get(2).contains("caused by java.lang.IllegalStateException: database URL not configured"),
                warnings.get(2));
        assertTrue(warnings.get(3).contains(prefix + "NotAnAction not a subtype"), warnings.get(3));
    }

    @Test
    void aServiceFileWithAByteOrderMarkLosesNothing(@TempDir Path folder) throws IOException {
        ClassLoader loader = withServiceFile(folder, ExitAction.class.getName(),
                "\uFEFF" + DiscoveryTest.class.getName() + "$AlsoGood\r\n\r\n   \n");
        List<String> warnings = new ArrayList<>();

        List<Discovery.Found<ExitAction>> found = Discovery.load(ExitAction.class, loader, warnings);

        assertEquals(List.of("also-good"), found.stream().map(f -> f.provider().name()).toList());
        assertEquals(List.of("service file " + folder.toUri().toURL() + "META-INF/services/dev.exitguard.api.ExitAction"
                + " starts with a byte-order mark, which ServiceLoader rejects; its providers were loaded anyway;"
                + " save it as UTF-8 without one"), warnings);
    }

    /**
     * ServiceLoader drops a whole service file over one line it cannot parse (a space inside a
     * name, a character no class name has): the providers on the other lines must still load.
     */
    @Test
    void aLineServiceLoaderCannotParseCostsOnlyThatLine(@TempDir Path folder) throws IOException {
        String prefix = DiscoveryTest.class.getName() + "$";
        ClassLoader loader = withServiceFile(folder, ExitAction.class.getName(), String.join("\n",
                prefix + "Good",
                "com.example.First com.example.Second",
                "com.example.Bad-Name   # a dash",
                prefix + "AlsoGood"));
        List<String> warnings = new ArrayList<>();

        List<Discovery.Found<ExitAction>> found = Discovery.load(ExitAction.class, loader, warnings);

        String file = folder.toUri().toURL() + "META-INF/services/dev.exitguard.api.ExitAction";
        assertEquals(List.of("good", "also-good"), found.stream().map(f -> f.provider().name()).toList());
        assertEquals(List.of(
                "skipped a broken ExitAction provider: line 2 of " + file + ", [com.example.First com.example.Second],"
                        + " is not a class name; the other providers of that file were loaded",
                "skipped a broken ExitAction provider: line 3 of " + file + ", [com.example.Bad-Name],"
                        + " is not a class name; the other providers of that file were loaded"), warnings);
    }

    /** The hand-reading of a marked file meets every kind of bad line a plain file can hold, and keeps going. */
    @Test
    void aServiceFileWithAByteOrderMarkAndEveryKindOfBrokenLineLosesNothingElse(@TempDir Path folder) throws IOException {
        String prefix = DiscoveryTest.class.getName() + "$";
        ClassLoader loader = withServiceFile(folder, ExitAction.class.getName(), "\uFEFF" + String.join("\r\n",
                "# exit actions",
                prefix + "Good   # the first",
                "",
                "com.example.Missing",
                prefix + "NotAnAction",
                prefix + "ThrowingConstructor",
                prefix + "Good",
                prefix + "AlsoGood"));
        List<String> warnings = new ArrayList<>();

        List<Discovery.Found<ExitAction>> found = Discovery.load(ExitAction.class, loader, warnings);

        String file = folder.toUri().toURL() + "META-INF/services/dev.exitguard.api.ExitAction";
        assertEquals(List.of("good", "also-good"), found.stream().map(f -> f.provider().name()).toList());
        assertEquals(List.of(
                "service file " + file + " starts with a byte-order mark, which ServiceLoader rejects; its providers were"
                        + " loaded anyway; save it as UTF-8 without one",
                "skipped a broken ExitAction provider: com.example.Missing in " + file + " could not be loaded:"
                        + " java.lang.ClassNotFoundException: com.example.Missing",
                "skipped a broken ExitAction provider: " + prefix + "NotAnAction in " + file
                        + " is not a dev.exitguard.api.ExitAction",
                "skipped a broken ExitAction provider: " + prefix + "ThrowingConstructor in " + file
                        + " could not be loaded: java.lang.IllegalStateException: database URL not configured"), warnings);
    }

    /** A file read by hand does not hide what ServiceLoader says of another file. */
    @Test
    void aFileReadByHandAndABrokenProviderElsewhereAreEachReported(@TempDir Path one, @TempDir Path two) throws IOException {
        ClassLoader first = withServiceFile(one, ExitAction.class.getName(), "com.example.Missing\n");
        Path file = two.resolve("META-INF/services/" + ExitAction.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "\uFEFF" + DiscoveryTest.class.getName() + "$AlsoGood\n");
        ClassLoader both = new URLClassLoader(new URL[] {two.toUri().toURL()}, first);
        List<String> warnings = new ArrayList<>();

        List<Discovery.Found<ExitAction>> found = Discovery.load(ExitAction.class, both, warnings);

        assertEquals(List.of("also-good"), found.stream().map(f -> f.provider().name()).toList());
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("skipped a broken ExitAction provider: ")
                && warnings.get(0).contains("com.example.Missing not found"), warnings::toString);
        assertTrue(warnings.get(1).contains("starts with a byte-order mark"), warnings::toString);
    }

    @Test
    void aProviderListedByTwoJarsLoadsOnce(@TempDir Path one, @TempDir Path two) throws IOException {
        String good = DiscoveryTest.class.getName() + "$Good\n";
        ClassLoader first = withServiceFile(one, ExitAction.class.getName(), good);
        Path file = two.resolve("META-INF/services/" + ExitAction.class.getName());
        Files.createDirectories(file.getParent());
        // The second copy has a byte-order mark, so it is read by hand: it must not load Good again.
        Files.writeString(file, "\uFEFF" + good);
        ClassLoader both = new URLClassLoader(new URL[] {two.toUri().toURL()}, first);
        List<String> warnings = new ArrayList<>();

        List<Discovery.Found<ExitAction>> found = Discovery.load(ExitAction.class, both, warnings);

        assertEquals(List.of("good"), found.stream().map(f -> f.provider().name()).toList());
        assertEquals(1, warnings.size(), warnings::toString);
    }

    @Test
    void aServiceFileOfCommentsAndBlankLinesIsNoProviderAndNoWarning(@TempDir Path folder) throws IOException {
        ClassLoader loader = withServiceFile(folder, ExitAction.class.getName(), "# none yet\n\n   \n\t# really\n");
        List<String> warnings = new ArrayList<>();

        assertEquals(List.of(), Discovery.load(ExitAction.class, loader, warnings));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aTriggerOfTheWrongTypeIsNamedAndTheInstallGoesOn(@TempDir Path folder) throws IOException {
        ClassLoader loader = withServiceFile(folder, ExitTrigger.class.getName(),
                DiscoveryTest.class.getName() + "$Good\n" + DiscoveryTest.class.getName() + "$GoodTrigger\n");
        try (CapturedLog log = new CapturedLog()) {
            ExitGuard guard = ExitGuard.builder()
                    .classLoader(loader)
                    .discoverActions(false)
                    .terminator(new RecordingTerminator())
                    .build();

            assertEquals(List.of(GoodTrigger.class.getName()), guard.plan().triggers().stream()
                    .map(ExitPlan.Trigger::name).toList());
            assertEquals(1, log.warnings().size(), log.warnings()::toString);
            assertTrue(log.warnings().get(0).startsWith("skipped a broken ExitTrigger provider: ")
                    && log.warnings().get(0).contains(DiscoveryTest.class.getName() + "$Good not a subtype"),
                    log.warnings()::toString);
            assertEquals(log.warnings(), guard.warnings());
        }
    }

    @Test
    void triggersAreNotDiscoveredWhenToldNot(@TempDir Path folder) throws IOException {
        ClassLoader loader = withServiceFile(folder, ExitTrigger.class.getName(), DiscoveryTest.class.getName() + "$GoodTrigger\n");

        ExitGuard guard = ExitGuard.builder().classLoader(loader).discoverActions(false).discoverTriggers(false).build();

        assertEquals(List.of(), guard.plan().triggers());
    }

    @Test
    void theOriginOfAProviderIsItsModuleItsJarOrItsFolderWithItsSlash(@TempDir Path folder) throws Exception {
        Path jar = folder.resolve("acme-exit.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("placeholder.txt"));
        }
        Path classes = Files.createDirectory(folder.resolve("classes"));

        assertEquals("(module java.base)", Discovery.origin(String.class));
        assertEquals("(test-classes/)", Discovery.origin(DiscoveryTest.class));
        assertEquals("(acme-exit.jar)", Discovery.origin(definedIn(codeFrom(jar.toUri().toURL()))));
        assertEquals("(classes/)", Discovery.origin(definedIn(codeFrom(classes.toUri().toURL()))));
        assertEquals("(class path)", Discovery.origin(definedIn(codeFrom(null))));
        assertEquals("(class path)", Discovery.origin(definedIn(new ProtectionDomain(null, null))));
    }

    private static ProtectionDomain codeFrom(URL location) {
        return new ProtectionDomain(new CodeSource(location, (CodeSigner[]) null), null);
    }

    /** A copy of {@link Good} defined in {@code domain}, as a loader of some application server would. */
    private static Class<?> definedIn(ProtectionDomain domain) throws IOException {
        String name = Good.class.getName();
        byte[] bytes;
        try (var in = DiscoveryTest.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        final class Defining extends ClassLoader {
            Defining() {
                super(DiscoveryTest.class.getClassLoader());
            }

            Class<?> define() {
                return defineClass(name, bytes, 0, bytes.length, domain);
            }
        }
        return new Defining().define();
    }

    @Test
    void discoveredActionsRunAndCarryTheirSource(@TempDir Path folder) throws IOException {
        ClassLoader loader = withServiceFile(folder, ExitAction.class.getName(), DiscoveryTest.class.getName() + "$Good\n");
        GOOD_RUNS.set(0);
        ExitGuard guard = ExitGuard.builder()
                .classLoader(loader)
                .discoverTriggers(false)
                .terminator(new RecordingTerminator())
                .build();

        guard.runActions(ExitReason.signal("TERM", 15));

        assertEquals(1, GOOD_RUNS.get());
        assertEquals(List.of("good"), guard.actionNames());
        List<String> warnings = new ArrayList<>();
        String source = Discovery.load(ExitAction.class, loader, warnings).get(0).source();
        assertTrue(source.startsWith("ServiceLoader ("), source);
    }

    @Test
    void aTriggerAddedByHandReplacesADiscoveredOneOfTheSameName(@TempDir Path folder) throws IOException {
        ClassLoader loader = withServiceFile(folder, ExitTrigger.class.getName(), DiscoveryTest.class.getName() + "$GoodTrigger\n");
        FakeTrigger byHand = new FakeTrigger(GoodTrigger.class.getName());
        ExitGuard guard = ExitGuard.builder()
                .classLoader(loader)
                .discoverActions(false)
                .trigger(byHand)
                .terminator(new RecordingTerminator())
                .install();
        try {
            assertEquals(List.of("arm"), byHand.calls);
        } finally {
            guard.uninstall();
        }
    }
}
