package dev.exitguard.tests.apps;

import static dev.exitguard.tests.apps.AppSupport.recording;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;

/**
 * An app whose actions break every rule at once: a cycle, an {@code after()} into a later phase, a
 * duplicate name. Install must fail naming each; the ready line must never come.
 */
public final class InstallErrorApp {

    private InstallErrorApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard.builder()
                .action(recording("cycle-a", ExitPhase.DEFAULT, "cycle-b"))
                .action(recording("cycle-b", ExitPhase.DEFAULT, "cycle-a"))
                .action(recording("early", ExitPhase.DRAIN, "late"))
                .action(recording("late", ExitPhase.RELEASE))
                .action(recording("twice", ExitPhase.DEFAULT))
                .action(recording("twice", ExitPhase.TELEMETRY))
                .install();
        InChild.ready();
        InChild.waitForever();
    }
}
