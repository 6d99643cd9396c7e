package dev.exitguard.tests.apps;

import static dev.exitguard.testkit.InChild.record;
import static dev.exitguard.tests.apps.AppSupport.recording;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Actions in every phase, some parallel, some ordered by {@code after()}. Actions meant to run in
 * parallel wait for each other at a barrier, so that they overlap by construction, not by luck;
 * if they did not run in parallel, the barrier would time out and the action fail.
 *
 * <pre>
 * STOP_INTAKE  intake
 * DRAIN        drain-a, drain-b (together), drain-c after drain-a
 * DEFAULT      journal, cache (together), index after journal and cache
 * RELEASE      pool, db after pool
 * TELEMETRY    metrics
 * </pre>
 */
public final class OrderApp {

    /** Only reached when the actions do not run in parallel. */
    private static final long BARRIER_SECONDS = 20;

    private OrderApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        CyclicBarrier drain = new CyclicBarrier(2);
        CyclicBarrier defaults = new CyclicBarrier(2);
        ExitGuard.builder()
                .action(recording("intake", ExitPhase.STOP_INTAKE))
                .action(meeting("drain-a", ExitPhase.DRAIN, drain))
                .action(meeting("drain-b", ExitPhase.DRAIN, drain))
                .action(recording("drain-c", ExitPhase.DRAIN, "drain-a"))
                .action(meeting("journal", ExitPhase.DEFAULT, defaults))
                .action(meeting("cache", ExitPhase.DEFAULT, defaults))
                .action(recording("index", ExitPhase.DEFAULT, "journal", "cache"))
                .action(recording("db", ExitPhase.RELEASE, "pool"))
                .action(recording("pool", ExitPhase.RELEASE))
                .action(recording("metrics", ExitPhase.TELEMETRY))
                .install();
        InChild.ready();
        InChild.waitForever();
    }

    private static ExitAction meeting(String name, int phase, CyclicBarrier barrier) {
        return ExitActions.named(name).phase(phase).run(context -> {
            record("start " + name);
            barrier.await(BARRIER_SECONDS, TimeUnit.SECONDS);
            record("end " + name);
        });
    }
}
