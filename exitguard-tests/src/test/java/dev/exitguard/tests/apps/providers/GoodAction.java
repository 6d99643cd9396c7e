package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A working provider beside broken ones: [good] in DEFAULT. */
public final class GoodAction extends RecordingProvider {
    public GoodAction() {
        super("good", ExitPhase.DEFAULT);
    }
}
