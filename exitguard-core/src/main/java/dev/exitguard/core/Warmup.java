package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Loads, at install, what an exit needs, so that the first signal does not wait for class loading:
 * a bare JVM is gone 8 ms after SIGTERM, but one hook that formats a timestamp takes 40 ms, nearly
 * all of it loading classes.
 *
 * <p>Rehearses a whole exit on a daemon thread, off the application's start-up path: a quiet guard
 * of its own, with two no-op actions one after the other (so that the path from a finished action
 * to the next is loaded too, lambdas included), a timeout (so that the timer's tasks are), a
 * drain of an {@link InFlight} (its facts in the report included) and a phase budget, is asked to
 * exit exactly as a signal asks, through the exit thread and the watchdog, to a terminator that
 * does nothing. What the rehearsal cannot reach (the stack capture of a stuck action, the JSON
 * report, the log's formatter, the JFR events when a recording runs) is touched by hand.
 */
final class Warmup {

    private static final Duration REHEARSAL_DEADLINE = Duration.ofSeconds(2);

    private Warmup() {
    }

    static void start(Executor workers, ScheduledExecutorService timer) {
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                rehearse(workers, timer);
            }
        }, "exitguard-warmup");
        thread.setDaemon(true);
        try {
            thread.start();
        } catch (Throwable e) {
            // A limit on threads already reached: the first exit loads its classes itself.
            Log.debug("could not start the warm-up of the exit path (" + Failures.describe(e) + "); the first exit may be slower");
        }
    }

    static void rehearse(Executor workers, ScheduledExecutorService timer) {
        try {
            Workers.prestart(workers, timer);
            ExitGuard rehearsal = ExitGuard.builder()
                    .discoverActions(false)
                    .discoverTriggers(false)
                    .properties(name -> null)
                    .workers(workers, timer)
                    .quiet()
                    // Short: its actions do nothing, and a rehearsal that cannot finish only costs speed.
                    .deadline(REHEARSAL_DEADLINE)
                    .terminator(Rehearsal.TERMINATOR)
                    .action(ExitActions.named("exitguard-warmup").timeout(Duration.ofSeconds(1)).run(Rehearsal::noop),
                            "warm-up")
                    .action(ExitActions.named("exitguard-warmup-after").after("exitguard-warmup").run(Rehearsal::noop),
                            "warm-up")
                    .action(ExitActions.drain(InFlight.named("exitguard-warmup")), "warm-up")
                    .phaseTimeout(ExitPhase.DRAIN, Duration.ofSeconds(5))
                    .build();
            rehearsal.requestExit(ExitReason.signal("TERM", 15));
            ExitReport report = rehearsal.runActions(ExitReason.signal("TERM", 15));
            if (!report.allSucceeded()) {
                Log.debug("warm-up of the exit path failed; the first exit may be slower: " + report.toTable());
                return;
            }
            report.toJson();
            report.toTable();
            rehearsal.plan().toText();
            Stacks.format(Thread.currentThread().getStackTrace());
            Stacks.isInSystemExit(Thread.currentThread().getStackTrace());
            Log.warmUp();
            ExitEvents.warmUp();
            // The waiting path of a drain, which the rehearsal's drain of an idle tracker skips.
            InFlight probe = InFlight.named("exitguard-warmup-probe");
            InFlight.Ticket ticket = probe.enter();
            probe.awaitEmpty(Duration.ZERO);
            ticket.close();
            ExitReason.jvmShutdown("warm-up").toString();
            // The report file's path: touched, not written.
            Class.forName(StandardCopyOption.class.getName());
            Class.forName(StandardOpenOption.class.getName());
            Class.forName(AtomicMoveNotSupportedException.class.getName());
            Class.forName(JvmTerminator.class.getName());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.debug("warm-up of the exit path failed; the first exit may be slower: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Log.debug("warm-up of the exit path failed; the first exit may be slower: " + e);
        }
    }

    /** The rehearsal's parts, named, so that nothing here loads in place of what the real exit must. */
    private static final class Rehearsal {
        static final ProcessTerminator TERMINATOR = new ProcessTerminator() {
            @Override
            public void exit(int status) {
            }

            @Override
            public void halt(int status) {
            }
        };

        static void noop(dev.exitguard.api.ExitContext context) {
            context.remaining();
        }
    }
}
