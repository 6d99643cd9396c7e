package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * A program for {@link ChildJvmTest}: installs a guard with actions that append their names to
 * the file given as the first argument, then ends the way the second argument says.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path journal = Path.of(args[0]);
        String mode = args[1];
        CountDownLatch drained = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        ExitGuard.Builder builder = ExitGuard.builder()
                .discoverTriggers(false)
                .action(ExitActions.named("drain").phase(ExitPhase.DRAIN).run(context -> {
                    append(journal, "drain " + context.reason().kind());
                    drained.countDown();
                    if (mode.equals("main-returns-during-exit")) {
                        // The rest of the exit happens once the main thread has really returned.
                        main.join(Math.max(1, context.remaining().toMillis()));
                    }
                }))
                .action(ExitActions.named("flush").run(context -> append(journal, "flush")))
                .action(ExitActions.named("close").phase(ExitPhase.RELEASE).run(context -> append(journal, "close")));
        if (mode.startsWith("system-exit-inside-action")) {
            builder.action(ExitActions.named("calls-system-exit").run(context -> System.exit(7)));
            builder.action(ExitActions.named("after-it").after("calls-system-exit")
                    .run(context -> append(journal, "after-it")));
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
                append(journal, "other library's hook hangs");
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
        System.out.println("ready");
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
                append(journal, "main returns");
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    static void append(Path journal, String line) {
        try {
            Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
