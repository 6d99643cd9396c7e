package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A provider of the order scenario: [a-close] in RELEASE. */
public final class AClose extends RecordingProvider {
    public AClose() {
        super("a-close", ExitPhase.RELEASE);
    }
}
