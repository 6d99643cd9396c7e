package dev.exitguard.bench.child;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Workload 8: a chain of {@code after()} edges, {@code c1} after {@code c0}, {@code c2} after
 * {@code c1}, and so on, added to a guard either all at once with the builder or one by one with
 * {@code register()}, in the chain's order, the reverse, or a seeded random order. The time from
 * the first action added to the guard that holds them all.
 */
final class Registration {

    private Registration() {
    }

    static void run(String way, String order, int count) {
        List<ExitAction> actions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            actions.add(i == 0 ? ExitActions.named("c0").run(context -> { })
                    : ExitActions.named("c" + i).after("c" + (i - 1)).run(context -> { }));
        }
        switch (order) {
            case "chain":
                break;
            case "reverse":
                Collections.reverse(actions);
                break;
            case "random":
                Collections.shuffle(actions, new Random(20_250_607L));
                break;
            default:
                throw new IllegalArgumentException("unknown order [" + order + "]");
        }
        long start = System.nanoTime();
        ExitGuard guard;
        switch (way) {
            case "builder":
                ExitGuard.Builder builder = ExitGuard.builder().discoverActions(false).discoverTriggers(false);
                for (ExitAction action : actions) {
                    builder.action(action);
                }
                guard = builder.build();
                break;
            case "register":
                guard = ExitGuard.builder().discoverActions(false).discoverTriggers(false).build();
                for (ExitAction action : actions) {
                    guard.register(action);
                }
                break;
            default:
                throw new IllegalArgumentException("unknown way [" + way + "]");
        }
        long nanos = System.nanoTime() - start;
        if (guard.actionNames().size() != count) {
            throw new IllegalStateException("the guard holds " + guard.actionNames().size() + " actions, not " + count);
        }
        Child.out().println("REGISTRATION millis=" + nanos / 1e6);
        Child.out().flush();
        Runtime.getRuntime().halt(0);
    }
}
