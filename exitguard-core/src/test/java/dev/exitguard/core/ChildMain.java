package dev.exitguard.core;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.api.ExitPhase;
import java.util.concurrent.CountDownLatch;

/**
 * A program for {@link ChildJvmTest}: installs a guard with actions that record their names as
 * events, then ends the way its argument says.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        CountDownLatch drained = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        ExitGuard.Builder builder = ExitGuard.builder()
                .discoverTriggers(false)
                .action(ExitActions.named("drain").phase(ExitPhase.DRAIN).run(context -> {
                    record("drain " + context.reason().kind());
                    drained.countDown();
                    if (mode.equals("main-returns-during-exit")) {
                        // The rest of the exit happens once the main thread has really returned.
                        main.join(Math.max(1, context.remaining().toMillis()));
                    }
                }))
                .action(ExitActions.named("flush").run(context -> record("flush")))
                .action(ExitActions.named("close").phase(ExitPhase.RELEASE).run(context -> record("close")));
        if (mode.startsWith("system-exit-inside-action")) {
            builder.action(ExitActions.named("calls-system-exit").run(context -> System.exit(7)));
            builder.action(ExitActions.named("after-it").after("calls-system-exit")
                    .run(context -> record("after-it")));
        }
        if (mode.equals("hung-hook")) {
            builder.action(ExitActions.named("hung").run(context -> {
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException ignored) {
                        // refuses to stop, so the deadline has to abandon it
                    }
                }
            }));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                record("other library's hook hangs");
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException ignored) {
                        // a hook that never ends: only the watchdog's halt gets the process out
                    }
                }
            }, "another-library"));
        }
        ExitGuard guard = builder.install();
        switch (mode) {
            case "system-exit":
                System.exit(3);
                break;
            case "main-returns":
            case "system-exit-inside-action-after-main-returns":
                break;
            case "system-exit-inside-action-after-system-exit":
                System.exit(3);
                break;
            case "guard-exit":
            case "system-exit-inside-action":
            case "hung-hook":
                guard.exit(4);
                break;
            case "main-returns-during-exit":
                Thread requester = new Thread(() -> guard.exit(5), "requester");
                requester.setDaemon(true);
                requester.start();
                drained.await();
                record("main returns");
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }
}
