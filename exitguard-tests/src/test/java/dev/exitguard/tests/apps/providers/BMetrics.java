package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A provider of the order scenario: [b-metrics] in TELEMETRY. */
public final class BMetrics extends RecordingProvider {
    public BMetrics() {
        super("b-metrics", ExitPhase.TELEMETRY);
    }
}
