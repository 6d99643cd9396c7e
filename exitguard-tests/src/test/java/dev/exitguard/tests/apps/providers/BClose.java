package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A provider of the order scenario: [b-close] in RELEASE, after a-close. */
public final class BClose extends RecordingProvider {
    public BClose() {
        super("b-close", ExitPhase.RELEASE, "a-close");
    }
}
