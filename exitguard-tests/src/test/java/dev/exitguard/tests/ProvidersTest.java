package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.ProviderApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers found by ServiceLoader from folders put on the child's class path only
 * ({@code src/test/providers}), so that their service files reach no other scenario.
 */
class ProvidersTest {

    private static final Path PROVIDERS = Path.of(System.getProperty("exitguard.tests.providers", "src/test/providers"));
    private static final String PACKAGE = "dev.exitguard.tests.apps.providers.";

    @TempDir
    Path dir;

    private static Path providers(String name) {
        Path folder = PROVIDERS.resolve(name);
        assertTrue(Files.isDirectory(folder.resolve("META-INF/services")), "missing provider folder " + folder);
        return folder;
    }

    private static ChildResult terminated(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal("TERM");
            return running.awaitExit();
        }
    }

    @OnEachJdk
    void brokenProvidersAreEachNamedAndTheGoodOnesStillRun(Jdk jdk) throws InterruptedException {
        ChildResult result = terminated(ChildJvm.onClassPath(jdk, ProviderApp.class, dir)
                .classPathFirst(providers("broken")));
        assertEquals(143, result.exitCode(), () -> "the signal trigger still armed\n" + result.describe());
        for (String broken : List.of("MissingAction", "NoNoArgConstructorAction", "ThrowingConstructorAction",
                "MissingTrigger")) {
            assertTrue(result.stderr().contains(PACKAGE + broken), () -> broken + " is not named\n" + result.describe());
        }
        assertTrue(result.stderr().contains("no configuration for the throwing provider"),
                () -> "the constructor's exception is shown\n" + result.describe());
        assertEquals(4, result.countInStderr("skipped a broken Exit"), result::describe);
        result.events().assertEachOnce(List.of("start good", "end good"));
        assertEquals(List.of("good"), result.report().names(), result::describe);
        result.report().assertReason("SIGNAL", 143);
    }

    @OnEachJdk
    void providerOrderOnTheClassPathChangesNothing(Jdk jdk) throws InterruptedException {
        Path forward = dir.resolve("forward");
        Path reversed = dir.resolve("reversed");
        ChildResult first;
        ChildResult second;
        // Two independent JVMs, run side by side.
        try (Child a = ChildJvm.onClassPath(jdk, ProviderApp.class, mkdir(forward))
                        .classPathFirst(providers("order-a")).classPathFirst(providers("order-b")).start();
                Child b = ChildJvm.onClassPath(jdk, ProviderApp.class, mkdir(reversed))
                        .classPathFirst(providers("order-b")).classPathFirst(providers("order-a")).start()) {
            a.awaitReady();
            b.awaitReady();
            a.signal("TERM");
            b.signal("TERM");
            first = a.awaitExit();
            second = b.awaitExit();
        }
        List<String> expected = List.of("a-intake", "b-journal", "a-flush", "a-close", "b-close", "a-metrics", "b-metrics");
        for (ChildResult result : List.of(first, second)) {
            assertEquals(143, result.exitCode(), result::describe);
            assertEquals(expected, result.report().names(), result::describe);
            result.report().assertAll("SUCCEEDED");
            Events events = result.events();
            events.assertBefore("end b-journal", "start a-flush");
            events.assertBefore("end a-close", "start b-close");
            events.assertBefore("end a-intake", "start b-journal");
            events.assertBefore("end b-close", "start a-metrics");
        }
    }

    private static Path mkdir(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
