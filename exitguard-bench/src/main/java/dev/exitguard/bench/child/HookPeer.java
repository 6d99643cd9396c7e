package dev.exitguard.bench.child;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain JVM shutdown hooks, one per action: they all start at once when the JVM exits, each on a
 * thread of its own, in no order; nothing bounds them.
 */
final class HookPeer {

    private HookPeer() {
    }

    static void plan(Recorder recorder) throws InterruptedException {
        Plan plan = recorder.plan();
        for (Plan.Step step : plan.steps()) {
            int index = step.index();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> recorder.perform(index), step.name()));
        }
        // One more hook waits for the others and reports; it runs beside them and holds nobody up.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (recorder.awaitAll(600)) {
                    Child.resultFromHook(recorder.measure(0));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reporter"));
        Child.settle();
        recorder.exitRequested();
        System.exit(0);
    }

    static void stuck() {
        Runtime.getRuntime().addShutdownHook(new Thread(Child::stuckForever, "never-returns"));
    }

    static void signal() {
        Runtime.getRuntime().addShutdownHook(new Thread(Child::printFirstAction, "first"));
    }

    static Object register(int count) {
        List<Thread> hooks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Thread hook = new Thread(() -> { }, Plan.noOpName(i));
            Runtime.getRuntime().addShutdownHook(hook);
            hooks.add(hook);
        }
        return hooks;
    }
}
