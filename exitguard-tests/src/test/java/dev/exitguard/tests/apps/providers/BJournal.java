package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitPhase;

/** A provider of the order scenario: [b-journal] in DEFAULT. */
public final class BJournal extends RecordingProvider {
    public BJournal() {
        super("b-journal", ExitPhase.DEFAULT);
    }
}
