package dev.exitguard.bench.child;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * Hadoop's {@link ShutdownHookManager}: hooks by priority, highest first, one at a time on one
 * thread, each bounded by its timeout, run from one JVM shutdown hook. A plan's order is kept by
 * giving each action a priority below every action it is after.
 */
final class HadoopPeer {

    private HadoopPeer() {
    }

    static void plan(Recorder recorder) throws InterruptedException {
        Plan plan = recorder.plan();
        ShutdownHookManager manager = ShutdownHookManager.get();
        int count = plan.steps().size();
        // The steps are in phase order, and each is after only steps listed before it. The timeout is
        // Hadoop's default, given explicitly: without it every hook added reads a new Configuration,
        // which makes registering 10,000 hooks take minutes (set-up, not measured, but too slow).
        for (Plan.Step step : plan.steps()) {
            manager.addShutdownHook(() -> recorder.perform(step.index()), count - step.index(), 30, TimeUnit.SECONDS);
        }
        manager.addShutdownHook(() -> Child.resultFromHook(recorder.measure(0)), -1, 30, TimeUnit.SECONDS);
        Child.settle();
        recorder.exitRequested();
        System.exit(0);
    }

    /** The hook's own timeout is the deadline; the executor's is hadoop.service.shutdown.timeout. */
    static void stuck() {
        ShutdownHookManager.get().addShutdownHook(Child::stuckForever, 10, Child.STUCK_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Workloads 9 and 10: Hadoop's manager, which adds its JVM hook when first asked for, and
     * {@code count} no-op hooks with the default timeout given (see {@link #plan}).
     */
    static Object armed(int count) {
        ShutdownHookManager manager = ShutdownHookManager.get();
        List<Runnable> hooks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Runnable hook = () -> { };
            manager.addShutdownHook(hook, i, 30, TimeUnit.SECONDS);
            hooks.add(hook);
        }
        return hooks;
    }

    /** Start-up and memory: {@code count} no-op hooks, added as most code does, with the default timeout. */
    static Object register(int count) {
        List<Runnable> hooks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Runnable hook = () -> { };
            ShutdownHookManager.get().addShutdownHook(hook, i);
            hooks.add(hook);
        }
        return hooks;
    }
}
