package dev.exitguard.tests.modapp;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;

/** Found by ServiceLoader through this module's {@code provides}: [release] in RELEASE. */
public final class ReleaseAction implements ExitAction {

    @Override
    public void run(ExitContext context) {
        Recorder.record("start release");
        Recorder.record("end release");
    }

    @Override
    public String name() {
        return "release";
    }

    @Override
    public int phase() {
        return ExitPhase.RELEASE;
    }
}
