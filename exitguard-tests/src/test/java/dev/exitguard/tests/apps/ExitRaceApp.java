package dev.exitguard.tests.apps;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A second way out at the very moment the first one, a signal, runs its exit. {@code app.race}:
 * <ul>
 *   <li>{@code guardExit}: an action {@code slow} sleeps 300 ms; {@code main} waits until the exit
 *       has begun, then calls {@code guard.exit(7)}
 *   <li>{@code actionThread}: an action {@code spawns} starts a thread of its own that calls
 *       {@code guard.exit(6)}, then sleeps 300 ms
 *   <li>{@code systemExit}: an action {@code quick} does nothing; {@code main} waits until the exit
 *       has begun, then calls {@code System.exit(7)}
 * </ul>
 */
public final class ExitRaceApp {

    private ExitRaceApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        String race = System.getProperty("app.race");
        AtomicReference<ExitGuard> self = new AtomicReference<>();
        ExitGuard.Builder builder = ExitGuard.builder();
        switch (race) {
            case "guardExit":
                builder.action(ExitActions.named("slow").run(context -> sleep("slow")));
                break;
            case "actionThread":
                builder.action(ExitActions.named("spawns").run(context -> {
                    Thread exiter = new Thread(() -> self.get().exit(6), "app-exiter");
                    exiter.start();
                    sleep("spawns");
                }));
                break;
            case "systemExit":
                builder.action(ExitActions.named("quick").run(context -> record("quick")));
                break;
            default:
                throw new IllegalArgumentException("app.race: unknown race [" + race + "]");
        }
        ExitGuard guard = builder.install();
        self.set(guard);
        InChild.ready();
        if (race.equals("actionThread")) {
            InChild.waitForever();
        }
        while (!guard.isExiting()) {
            Thread.onSpinWait();
        }
        if (race.equals("guardExit")) {
            guard.exit(7);
        } else {
            System.exit(7);
        }
    }

    private static void sleep(String name) throws InterruptedException {
        record("start " + name);
        Thread.sleep(300);
        record("end " + name);
    }
}
