package dev.exitguard.spring.app;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.testkit.InChild;

/** An action ServiceLoader finds ({@code providers/shop}), beside the beans: last, in TELEMETRY. */
public final class MetricsAction implements ExitAction {

    @Override
    public void run(ExitContext context) {
        InChild.record("metrics flushed");
    }

    @Override
    public String name() {
        return "flush-metrics";
    }

    @Override
    public int phase() {
        return ExitPhase.TELEMETRY;
    }
}
