package dev.exitguard.tests.apps.providers;

/** A broken provider: its constructor throws. */
public final class ThrowingConstructorAction extends RecordingProvider {
    public ThrowingConstructorAction() {
        super("throwing", 0);
        throw new IllegalStateException("no configuration for the throwing provider");
    }
}
