package dev.exitguard.core;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Halts the JVM if an exit that is to end the process outlives its deadline plus the halt grace:
 * whatever hangs then (an action that ignores its interrupt, another library's shutdown hook), the
 * process is gone in bounded time, with the exit's code, and says what was still running: the
 * actions, and every live shutdown hook and non-daemon thread with its stack ({@link HaltDump}), on
 * standard error and, when a report file is set, in the report, written again with a {@code "halt"}
 * member.
 */
final class Watchdog implements Runnable {

    private final ExitRun run;
    private final GuardSettings settings;
    private final int status;
    private final ProcessTerminator terminator;

    private Watchdog(ExitRun run, GuardSettings settings, int status, ProcessTerminator terminator) {
        this.run = run;
        this.settings = settings;
        this.status = status;
        this.terminator = terminator;
    }

    /** Arms the watchdog of {@code run}; cancel the result if the process turns out to live on. */
    static ScheduledFuture<?> start(ScheduledExecutorService timer, Ticker ticker, ExitRun run, GuardSettings settings,
            int status, ProcessTerminator terminator) {
        long delay = run.startNanos() + settings.deadline().plus(settings.haltGrace()).toNanos() - ticker.nanoTime();
        return timer.schedule(new Watchdog(run, settings, status, terminator), Math.max(delay, 0), TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        // When the JVM's own shutdown took the exit over, the process was to exit with its status, which is unknown.
        int status = run.isExitTakenOverByJvm() ? ExitSequence.UNKNOWN_STATUS_HALT_CODE : this.status;
        StringBuilder message = new StringBuilder("exitguard: the exit (").append(run.reason())
                .append(") outlived its deadline (").append(Durations.format(settings.deadline()))
                .append(") plus the halt grace (").append(Durations.format(settings.haltGrace()))
                .append("); halting with exit code ").append(status);
        for (String line : run.describeRunning()) {
            message.append("\n  ").append(line);
        }
        System.err.println(message);
        // ---- what held the JVM's shutdown up, named before the halt ----
        HaltDump dump = HaltDump.capture(ForeignHooks.known());
        System.err.println("exitguard: " + dump.text());
        System.err.flush();
        if (settings.reportFile().isPresent()) {
            String cause = "the watchdog halted the JVM: the exit outlived its deadline ("
                    + Durations.format(settings.deadline()) + ") plus the halt grace ("
                    + Durations.format(settings.haltGrace()) + ")";
            ReportFile.write(settings.reportFile().get(),
                    HaltDump.withHalt(run.reportNow(cause).toJson(), dump.json(cause, status)));
        }
        // ---- end ----
        terminator.halt(status);
    }
}
