package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An adopted shutdown hook as an exit action, one row of the report named
 * {@code shutdown hook <thread name>}: starts the hook's own thread, as the JVM would, and waits for
 * it. The work happens on that thread, so the report shows its stack (see
 * {@link ActionNode#workOn(Thread)}), and a timeout or the deadline interrupts it; an exception it does
 * not catch fails the action, and still reaches the thread's own handler.
 */
final class HookAction implements ExitAction {

    static final String NAME_PREFIX = "shutdown hook ";
    static final String SOURCE = "Runtime.addShutdownHook, adopted by exitguard (exitguard.foreignHooks=adopt)";

    private final Thread hook;
    private final String name;

    private HookAction(Thread hook, String name) {
        this.hook = hook;
        this.name = name;
    }

    /**
     * The hooks as entries of phase {@link ExitPhase#SHUTDOWN_HOOKS}, in the order given. Two hooks
     * whose threads have one name are told apart by a number: {@code shutdown hook pool-1 (2)}.
     */
    static List<ActionEntry> entries(List<Thread> hooks) {
        Map<String, Integer> seen = new HashMap<>();
        List<ActionEntry> entries = new ArrayList<>(hooks.size());
        for (Thread hook : hooks) {
            String base = NAME_PREFIX + hook.getName();
            int count = seen.merge(base, 1, Integer::sum);
            String name = count == 1 ? base : base + " (" + count + ")";
            entries.add(new ActionEntry(new HookAction(hook, name), name, ExitPhase.SHUTDOWN_HOOKS, Set.of(),
                    Optional.empty(), SOURCE));
        }
        return entries;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int phase() {
        return ExitPhase.SHUTDOWN_HOOKS;
    }

    @Override
    public void run(ExitContext context) throws Exception {
        FailureRecorder failure = new FailureRecorder(hook.getUncaughtExceptionHandler());
        hook.setUncaughtExceptionHandler(failure);
        try {
            hook.start();
        } catch (IllegalThreadStateException alreadyStarted) {
            // Started by its owner meanwhile: as the JVM does, wait for it.
        }
        ActionNode.workOn(hook);
        try {
            // Until the hook ends, or the exit gives up on it: then this thread is interrupted.
            hook.join();
        } catch (InterruptedException e) {
            hook.interrupt();
            Thread.currentThread().interrupt();
            return;
        }
        failure.rethrow();
    }

    @Override
    public String toString() {
        return "HookAction[" + name + "]";
    }

    /** Records what the hook did not catch, then hands it on to the handler the hook had. */
    private static final class FailureRecorder implements Thread.UncaughtExceptionHandler {
        private final Thread.UncaughtExceptionHandler previous;
        private volatile Throwable failure;

        FailureRecorder(Thread.UncaughtExceptionHandler previous) {
            this.previous = previous;
        }

        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            failure = e;
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace();
            }
        }

        void rethrow() throws Exception {
            Throwable e = failure;
            if (e instanceof Exception) {
                throw (Exception) e;
            }
            if (e instanceof Error) {
                throw (Error) e;
            }
            if (e != null) {
                throw new IllegalStateException("the shutdown hook threw " + e, e);
            }
        }
    }
}
