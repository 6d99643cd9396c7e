package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitContext;

/** A broken provider: ServiceLoader needs a public no-argument constructor, and this has none. */
public final class NoNoArgConstructorAction extends RecordingProvider {
    public NoNoArgConstructorAction(String name) {
        super(name, 0);
    }

    @Override
    public void run(ExitContext context) {
        throw new AssertionError("never instantiated");
    }
}
