package dev.exitguard.tests.apps;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two guards in one JVM with the same report file ({@code exitguard.report} applies to both): the
 * installed one, with an action {@code installed}, and one made with {@code build()}, with an
 * action {@code built}, whose actions {@code main} runs once a signal has begun the installed
 * guard's exit. The two actions end together, so both reports are written at the same instant;
 * the installed guard's exit then waits (bounded) until the other's report is out before it ends
 * the process.
 */
public final class TwoGuardsApp {

    private static final long BOUND_SECONDS = 20;

    private TwoGuardsApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch builtStarted = new CountDownLatch(1);
        CountDownLatch builtPublished = new CountDownLatch(1);
        ExitGuard installed = ExitGuard.builder()
                .action(ExitActions.named("installed").run(context -> {
                    record("start installed");
                    builtStarted.await(BOUND_SECONDS, TimeUnit.SECONDS);
                }))
                .onReport(report -> await(builtPublished))
                .install();
        ExitGuard built = ExitGuard.builder().discoverTriggers(false)
                .action(ExitActions.named("built").run(context -> {
                    record("start built");
                    builtStarted.countDown();
                }))
                .onReport(report -> {
                    record("built published");
                    builtPublished.countDown();
                })
                .build();
        InChild.ready();
        while (!installed.isExiting()) {
            Thread.onSpinWait();
        }
        built.runActions(ExitReason.programmatic(0, "the second guard"));
        InChild.waitForever();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
