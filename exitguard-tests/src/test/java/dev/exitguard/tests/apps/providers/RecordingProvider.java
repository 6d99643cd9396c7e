package dev.exitguard.tests.apps.providers;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.testkit.InChild;
import java.util.Set;

/** A provider that records {@code start <name>} and {@code end <name>}. */
abstract class RecordingProvider implements ExitAction {
    private final String name;
    private final int phase;
    private final Set<String> after;

    RecordingProvider(String name, int phase, String... after) {
        this.name = name;
        this.phase = phase;
        this.after = Set.of(after);
    }

    @Override
    public void run(ExitContext context) {
        InChild.record("start " + name);
        InChild.record("end " + name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int phase() {
        return phase;
    }

    @Override
    public Set<String> after() {
        return after;
    }
}
