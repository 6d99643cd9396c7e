package dev.exitguard.tests.apps.agent;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.testkit.InChild;

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
