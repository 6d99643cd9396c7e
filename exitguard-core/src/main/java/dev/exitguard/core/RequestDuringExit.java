package dev.exitguard.core;

import dev.exitguard.api.ExitReason;
import java.time.Duration;
import java.util.List;

/**
 * What a request does while an exit runs. A programmatic or JVM request joins the exit. A signal
 * soon after the first is the same signal (a shell's Ctrl-C to a process group, forwarded once
 * more by a wrapper); a later one, by default, halts the process at once with its own code, naming
 * the actions still running: Ctrl-C twice means "now".
 */
final class RequestDuringExit {

    private RequestDuringExit() {
    }

    /**
     * Handles {@code reason}, which arrived while {@code run} was under way.
     *
     * @param finished whether the run's report is already published (then it is not written again)
     */
    static void handle(ExitReason reason, ExitRun run, GuardSettings settings, Ticker ticker, boolean finished,
            ProcessTerminator terminator) {
        if (reason.kind() != ExitReason.Kind.SIGNAL) {
            Log.debug("exit requested (" + reason + ") while the exit (" + run.reason() + ") runs; it joins that exit");
            return;
        }
        long since = ticker.nanoTime() - run.startNanos();
        if (since < settings.duplicateSignalWindow().toNanos()) {
            Log.debug("signal " + reason.detail() + " " + Durations.format(Duration.ofNanos(since))
                    + " after the exit began is taken as the same request (exitguard.duplicateSignalWindow)");
            return;
        }
        if (!settings.haltOnSecondSignal()) {
            Log.warning("signal " + reason.detail() + " ignored: the exit (" + run.reason()
                    + ") is running, and exitguard.secondSignal is ignore");
            return;
        }
        int status = reason.exitCode().getAsInt();
        List<String> running = run.describeRunning();
        StringBuilder message = new StringBuilder("exitguard: second signal ").append(reason.detail())
                .append(" while exiting; halting now with exit code ").append(status);
        if (running.isEmpty()) {
            message.append(". Every exit action had finished; ").append(!finished ? "the exit report was being published."
                    : run.jvmShuttingDown() ? "the JVM's own shutdown (its other shutdown hooks) was still running."
                    : "the process was about to exit.");
        } else {
            message.append(". Exit actions still running:");
            for (String line : running) {
                message.append("\n  ").append(line);
            }
        }
        System.err.println(message);
        if (!finished && settings.reportFile().isPresent()) {
            ReportFile.write(settings.reportFile().get(),
                    run.reportNow("the process was halted by a second signal " + reason.detail()).toJson());
        }
        terminator.halt(status);
    }
}
