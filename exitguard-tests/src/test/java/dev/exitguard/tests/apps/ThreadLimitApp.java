package dev.exitguard.tests.apps;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;

/**
 * Many actions at once, more than the threads the process may start once the test has limited it:
 * {@code app.actions} actions {@code work-N} in {@code DEFAULT} (400 by default), each sleeping
 * {@code app.actionMillis} (300 by default), and {@code flush-journal} in {@code RELEASE}.
 */
public final class ThreadLimitApp {

    private ThreadLimitApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int actions = Integer.getInteger("app.actions", 400);
        long millis = Long.getLong("app.actionMillis", 300);
        ExitGuard.Builder builder = ExitGuard.builder();
        for (int i = 0; i < actions; i++) {
            String name = String.format("work-%03d", i);
            builder.action(ExitActions.named(name).run(context -> {
                record("start " + name);
                Thread.sleep(millis);
                record("end " + name);
            }));
        }
        builder.action(ExitActions.named("flush-journal").phase(ExitPhase.RELEASE).run(context -> {
            record("start flush-journal");
            record("end flush-journal");
        }));
        builder.install();
        InChild.ready();
        InChild.waitForever();
    }
}
