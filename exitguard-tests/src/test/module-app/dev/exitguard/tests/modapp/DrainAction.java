package dev.exitguard.tests.modapp;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;

/** Found by ServiceLoader through this module's {@code provides}: [drain] in DRAIN. */
public final class DrainAction implements ExitAction {

    @Override
    public void run(ExitContext context) {
        Recorder.record("start drain");
        Recorder.record("end drain");
    }

    @Override
    public String name() {
        return "drain";
    }

    @Override
    public int phase() {
        return ExitPhase.DRAIN;
    }
}
