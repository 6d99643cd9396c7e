package dev.exitguard.demo;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;

/**
 * Says, the moment the exit starts, why the service is stopping. Found by
 * {@link java.util.ServiceLoader} (see {@code META-INF/services}), not bound in Guice: the two
 * ways of contributing actions meet in one exit.
 */
public final class ExitBanner implements ExitAction {

    /** Needed by {@link java.util.ServiceLoader}. */
    public ExitBanner() {
    }

    @Override
    public void run(ExitContext context) {
        System.out.println("exitguard-demo: exit requested (" + context.reason() + "); stopping intake, "
                + context.remaining().toMillis() + " ms to finish");
    }

    @Override
    public String name() {
        return "exit-banner";
    }

    @Override
    public int phase() {
        return ExitPhase.STOP_INTAKE;
    }
}
