package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import dev.exitguard.tests.apps.InstallErrorApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** A configuration that cannot work stops the process from starting, naming every culprit at once. */
class InstallErrorsTest {

    @TempDir
    Path dir;

    @OnEachJdk
    void everyInstallErrorIsNamedAndTheAppNeverStarts(Jdk jdk) throws InterruptedException {
        ChildResult result;
        try (Child child = ChildJvm.onClassPath(jdk, InstallErrorApp.class, dir)
                .property("exitguard.deadline", "banana").start()) {
            result = child.awaitExit();
        }
        assertEquals(1, result.exitCode(), result::describe);
        assertFalse(result.stdout().contains("READY"), result::describe);
        for (String message : List.of(
                "dev.exitguard.core.ExitConfigurationException: exitguard cannot be installed: 4 problems",
                "exitguard.deadline: cannot read [banana] as a duration",
                "duplicate exit action name [twice]",
                "exit action [early] (phase DRAIN) is after [late], which runs in a later phase (RELEASE)",
                "cycle among exit actions: [cycle-a] -> [cycle-b] -> [cycle-a]")) {
            assertTrue(result.stderr().contains(message), () -> "stderr should say: " + message + "\n" + result.describe());
        }
        assertEquals(List.of(), result.events().texts(), () -> "no action ran\n" + result.describe());
        assertFalse(result.hasReport(), result::describe);
    }
}
