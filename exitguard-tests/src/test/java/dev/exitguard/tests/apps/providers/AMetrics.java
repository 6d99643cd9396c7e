package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A provider of the order scenario: [a-metrics] in TELEMETRY. */
public final class AMetrics extends RecordingProvider {
    public AMetrics() {
        super("a-metrics", ExitPhase.TELEMETRY);
    }
}
