package dev.exitguard.core;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes an installed guard exit: its triggers, armed to ask the {@link ExitSequence} for an
 * exit, and its one JVM shutdown hook, which runs the exit when the JVM's own shutdown begins and
 * stops the logging backends last. A guard that is only built has its triggers listed here and
 * none of them armed.
 *
 * <p>Thread-safe. The triggers armed (the list a finished exit tells) and the hook are replaced
 * under one lock, never changed.
 */
final class TriggerArming {

    private final List<ExitTrigger> triggers;
    private final Object lock = new Object();
    /** Under {@link #lock}. */
    private Thread shutdownHook;
    /** Under {@link #lock}. */
    private List<ExitTrigger> armed = List.of();

    TriggerArming(List<ExitTrigger> triggers) {
        this.triggers = List.copyOf(triggers);
    }

    /**
     * Adds the JVM shutdown hook and arms every trigger, each asking {@code sequence} to exit.
     *
     * @throws ExitConfigurationException naming every trigger that could not be armed; nothing
     *     stays armed then
     * @throws IllegalStateException if the JVM is already shutting down
     */
    void arm(ExitSequence sequence, GuardSettings settings, Ticker ticker) {
        Problems problems = new Problems();
        Thread hook = OwnHooks.mark(new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    sequence.onJvmShutdown();
                } finally {
                    // Logging backends, last: after the exit and its report (see LoggingBackend).
                    LoggingBackends.stopAfter(sequence.currentRun(), settings, ticker);
                }
            }
        }, "exitguard-shutdown-hook"));
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot install exitguard: the JVM is already shutting down", e);
        }
        synchronized (lock) {
            shutdownHook = hook;
        }
        ExitRequests requests = new ExitRequests() {
            @Override
            public void requestExit(ExitReason reason) {
                sequence.requestExit(reason);
            }
        };
        for (ExitTrigger trigger : triggers) {
            // Listed before it is armed: a signal can arrive while install is still arming, and the
            // exit it starts must still call this trigger's actionsFinished.
            setArmed(trigger, true);
            try {
                trigger.arm(requests);
            } catch (Exception | LinkageError e) {
                setArmed(trigger, false);
                problems.triggerNotArmed(trigger.name(), e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }
        if (!problems.isEmpty()) {
            disarm();
            problems.throwIfAny("exitguard cannot be installed");
        }
    }

    /** Disarms every armed trigger and removes the hook; a trigger that fails to disarm is logged. */
    void disarm() {
        Thread hook;
        List<ExitTrigger> toDisarm;
        synchronized (lock) {
            hook = shutdownHook;
            toDisarm = armed;
            shutdownHook = null;
            armed = List.of();
        }
        for (ExitTrigger trigger : toDisarm) {
            try {
                trigger.disarm();
            } catch (RuntimeException | LinkageError e) {
                Log.warning("exit trigger " + trigger.name() + " failed to disarm: " + e);
            }
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down; the hook runs and finds the exit settled.
            }
        }
    }

    /** Tells every armed trigger that the actions of the exit begun with {@code reason} are over. */
    void actionsFinished(ExitReason reason) {
        List<ExitTrigger> toTell;
        synchronized (lock) {
            toTell = armed;
        }
        for (ExitTrigger trigger : toTell) {
            try {
                trigger.actionsFinished(reason);
            } catch (Throwable e) {
                Log.warning("exit trigger " + trigger.name() + " failed after the actions: " + Failures.describe(e));
            }
        }
    }

    /** The JVM shutdown hook while it is in place; else null. */
    Thread hook() {
        synchronized (lock) {
            return shutdownHook;
        }
    }

    /** Whether the JVM shutdown hook is in place: the guard is installed. */
    boolean hookAdded() {
        synchronized (lock) {
            return shutdownHook != null;
        }
    }

    /** The triggers as the plan shows them, the JVM hook last if {@code hookAdded}. */
    List<ExitPlan.Trigger> planned(boolean hookAdded) {
        List<ExitPlan.Trigger> planned = new ArrayList<>();
        for (ExitTrigger trigger : triggers) {
            String description;
            try {
                description = trigger.description();
            } catch (RuntimeException | LinkageError e) {
                description = "(description() threw " + e + ")";
            }
            planned.add(new ExitPlan.Trigger(trigger.name(), description));
        }
        if (hookAdded) {
            planned.add(new ExitPlan.Trigger("exitguard JVM shutdown hook",
                    "System.exit, Runtime.exit, or the last non-daemon thread ending"));
        }
        return planned;
    }

    private void setArmed(ExitTrigger trigger, boolean isArmed) {
        synchronized (lock) {
            List<ExitTrigger> next = new ArrayList<>(armed);
            if (isArmed) {
                next.add(trigger);
            } else {
                next.remove(trigger);
            }
            armed = List.copyOf(next);
        }
    }
}
