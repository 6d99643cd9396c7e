package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import java.io.IOException;
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
