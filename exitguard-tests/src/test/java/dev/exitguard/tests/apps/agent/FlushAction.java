package dev.exitguard.tests.apps.agent;

import static dev.exitguard.tests.apps.AppSupport.record;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;

/** A {@code ServiceLoader} exit action of an app with no exitguard code: [flush], in DEFAULT. */
public final class FlushAction implements ExitAction {

    @Override
    public void run(ExitContext context) {
        record("ran flush " + context.reason().kind());
    }

    @Override
    public String name() {
        return "flush";
    }
}
