package dev.exitguard.tests.apps;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.InFlight;
import dev.exitguard.testkit.InChild;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * A service with an {@link InFlight} tracker, a pre-stop pause in {@code STOP_INTAKE} and the
 * drain: once ready, its main thread takes a unit of work every millisecond until one is refused,
 * recording when. {@code app.stopIntake=drain} drains with
 * {@link InFlight.StopIntake#WHEN_DRAIN_BEGINS}; by default intake stops as the exit begins.
 */
public final class IntakeApp {

    private IntakeApp() {
    }

    public static void main(String[] args) throws Exception {
        InFlight http = InFlight.named("http");
        InFlight.StopIntake when = "drain".equals(System.getProperty("app.stopIntake"))
                ? InFlight.StopIntake.WHEN_DRAIN_BEGINS : InFlight.StopIntake.WHEN_EXIT_BEGINS;
        ExitGuard.builder()
                .action(ExitActions.named("pre-stop").phase(ExitPhase.STOP_INTAKE).run(context -> {
                    InChild.record("pre-stop begins");
                    Thread.sleep(1500);
                    InChild.record("pre-stop ends");
                }))
                .action(ExitActions.drain(http, when))
                .install();
        InChild.ready();
        while (true) {
            try {
                http.enter().close();
            } catch (RejectedExecutionException e) {
                InChild.record("refused: " + e.getMessage());
                InChild.waitForever();
            }
            Thread.sleep(1);
        }
    }
}
