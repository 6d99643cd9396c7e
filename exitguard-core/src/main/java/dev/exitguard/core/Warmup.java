package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitReason;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Loads, at install, what an exit needs, so that the first signal does not wait for class loading:
 * a bare JVM is gone 8 ms after SIGTERM, but one hook that formats a timestamp takes 40 ms, nearly
 * all of it loading classes. Runs a rehearsal exit of two no-op actions, one after the other (so
 * that the path from a finished action to the next is loaded too, lambdas included), on a daemon
 * thread, off the application's start-up path.
 */
final class Warmup {

    private Warmup() {
    }

    static void start(Executor workers, ScheduledExecutorService timer) {
        Thread thread = new Thread(() -> rehearse(workers, timer), "exitguard-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    static void rehearse(Executor workers, ScheduledExecutorService timer) {
        try {
            Workers.prestart(workers, timer);
            ExitAction noop = context -> context.remaining();
            ActionEntry first = new ActionEntry(noop, "exitguard-warmup", 0, Set.of(),
                    Optional.of(Duration.ofSeconds(5)), "warm-up");
            ActionEntry second = new ActionEntry(noop, "exitguard-warmup-after", 0, Set.of(first.name()),
                    Optional.empty(), "warm-up");
            ExitRun rehearsal = new ExitRun(ExitReason.programmatic(0, "warm-up"), List.of(second, first),
                    Duration.ofSeconds(5), Optional.empty(), workers, timer, Ticker.SYSTEM);
            ExitReport report = rehearsal.execute();
            report.allSucceeded();
            report.toJson();
            report.toTable();
            rehearsal.reportNow("warm-up").toJson();
            rehearsal.describeRunning();
            Stacks.isInSystemExit(Thread.currentThread().getStackTrace());
            Log.warmUp();
            ExitReason.signal("TERM", 15).toString();
            ExitReason.jvmShutdown("warm-up").toString();
            // The report file's path: touched, not written.
            Class.forName(StandardCopyOption.class.getName());
            Class.forName(StandardOpenOption.class.getName());
            Class.forName(AtomicMoveNotSupportedException.class.getName());
            Class.forName(JvmTerminator.class.getName());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.debug("warm-up of the exit path failed; the first exit may be slower: " + e);
        }
    }
}
