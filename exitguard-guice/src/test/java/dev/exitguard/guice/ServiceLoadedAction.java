package dev.exitguard.guice;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;

/**
 * Test fixture: an action found by {@link java.util.ServiceLoader} (listed in the test
 * {@code META-INF/services}), not bound with Guice. It does nothing: its row in the report is
 * what the tests read. (A Guice application in a JVM of its own, stopped by a real signal, is
 * {@code GuiceTest} of exitguard-tests.)
 */
public final class ServiceLoadedAction implements ExitAction {

    static final String NAME = "service-loaded-telemetry";

    @Override
    public void run(ExitContext context) {
        // Found, run, and in the report: that is all it is for.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int phase() {
        return ExitPhase.TELEMETRY;
    }
}
