package dev.exitguard.demo;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import java.time.Duration;

/** The smallest guarded program: three actions in three phases, then an exit by code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard guard = ExitGuard.builder()
                .action(ExitActions.named("stop-intake").phase(ExitPhase.STOP_INTAKE)
                        .run(context -> System.out.println("intake stopped")))
                .action(ExitActions.named("flush").run(context -> System.out.println("buffer flushed")))
                .action(ExitActions.named("report").phase(ExitPhase.TELEMETRY)
                        .run(context -> System.out.println("final counts written")))
                .install();
        System.out.println("running; exiting in 1s");
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        guard.exit(0);
    }
}
