package dev.exitguard.tests.apps.agent;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.testkit.InChild;

/**
 * A provider that registers a shutdown hook as exitguard creates it, while it installs, before it
 * takes the JVM's hooks over: a hook registered before install, as a library initialised early
 * registers one. The action itself, [early-library], runs in TELEMETRY.
 */
public final class HookInConstructorAction implements ExitAction {

    private static boolean registered;

    public HookInConstructorAction() {
        synchronized (HookInConstructorAction.class) {
            if (!registered) {
                registered = true;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> record("hook early ran"), "early-hook"));
            }
        }
    }

    @Override
    public void run(ExitContext context) {
        record("ran early-library");
    }

    @Override
    public String name() {
        return "early-library";
    }

    @Override
    public int phase() {
        return ExitPhase.TELEMETRY;
    }
}
