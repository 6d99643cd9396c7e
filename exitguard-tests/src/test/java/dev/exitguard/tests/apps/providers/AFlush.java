package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A provider of the order scenario: [a-flush] in DEFAULT, after b-journal. */
public final class AFlush extends RecordingProvider {
    public AFlush() {
        super("a-flush", ExitPhase.DEFAULT, "b-journal");
    }
}
