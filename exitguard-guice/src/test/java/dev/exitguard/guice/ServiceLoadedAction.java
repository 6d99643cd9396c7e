package dev.exitguard.guice;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;

/**
 * Test fixture: an action found by {@link java.util.ServiceLoader} (listed in the test
 * {@code META-INF/services}), not bound with Guice. Prints a line the child-JVM test looks for.
 */
public final class ServiceLoadedAction implements ExitAction {

    static final String NAME = "service-loaded-telemetry";

    @Override
    public void run(ExitContext context) {
        System.out.println("EVENT service-loaded telemetry");
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
