package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** The Guice scenario's provider, found by ServiceLoader, not bound in Guice: [drain-queue] in DRAIN. */
public final class DrainQueue extends RecordingProvider {
    public DrainQueue() {
        super("drain-queue", ExitPhase.DRAIN);
    }
}
