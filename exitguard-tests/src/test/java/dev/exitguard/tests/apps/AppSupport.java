package dev.exitguard.tests.apps;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitActions;
import dev.exitguard.testkit.InChild;

/** What the child apps share beyond the kit's {@link InChild}: an action that records its start and end. */
public final class AppSupport {

    private AppSupport() {
    }

    /** An action that records {@code start <name>} and {@code end <name>}. */
    public static ExitAction recording(String name, int phase, String... after) {
        return ExitActions.named(name).phase(phase).after(after).run(context -> {
            InChild.record("start " + name);
            InChild.record("end " + name);
        });
    }
}
