package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A provider of the order scenario: [a-intake] in STOP_INTAKE. */
public final class AIntake extends RecordingProvider {
    public AIntake() {
        super("a-intake", ExitPhase.STOP_INTAKE);
    }
}
