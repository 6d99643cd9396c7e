package dev.exitguard.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The report of a guard's one exit on its way out: published by exactly one thread, which
 * {@linkplain #claim() claims} it, and waited for by every other.
 *
 * <p>Publishing logs the report, writes it as JSON where asked, and hands it to every listener,
 * in that order, and never throws: a logging backend, a report file or a listener that fails
 * (with an exception or an {@link Error}, even one whose own methods throw) is reported, and the
 * rest still happens. Whoever waits is released once publishing is over, whatever went wrong in
 * it, so a broken listener can never hold up the process's exit.
 *
 * <p>Thread-safe. Latches rather than a {@code CompletableFuture}, which would load
 * {@code ForkJoinPool} at install.
 */
final class Publication {

    private final GuardSettings settings;
    private final List<Consumer<? super ExitReport>> listeners;
    private final boolean quiet;
    private final Ticker ticker;

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch actionsOver = new CountDownLatch(1);
    private final CountDownLatch published = new CountDownLatch(1);
    private volatile ExitReport actionsReport;
    private volatile ExitReport report;
    private volatile Thread publisher;

    Publication(GuardSettings settings, List<Consumer<? super ExitReport>> listeners, boolean quiet, Ticker ticker) {
        this.settings = settings;
        this.listeners = List.copyOf(listeners);
        this.quiet = quiet;
        this.ticker = ticker;
    }

    /** The actions are over and this is what they did; nothing is published yet. */
    void actionsOver(ExitReport report) {
        actionsReport = report;
        actionsOver.countDown();
    }

    /** Waits (bounded, as {@link #await}) until the actions are over; null if they are not by then. */
    ExitReport awaitActionsOver(ExitRun run) {
        return awaitLatch(actionsOver, run) ? actionsReport : null;
    }

    /** Whether the calling thread is the one to publish: true exactly once. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    boolean isClaimed() {
        return claimed.get();
    }

    boolean isPublished() {
        return report != null;
    }

    /** The published report, once publishing is over. */
    Optional<ExitReport> report() {
        return Optional.ofNullable(report);
    }

    /**
     * Whether the thread publishing is stuck in {@code System.exit} (a listener called it): it
     * waits for the shutdown hooks, so a hook that waited for it would wait for itself.
     */
    boolean publisherIsInSystemExit() {
        Thread thread = publisher;
        return thread != null && report == null && Stacks.isInSystemExit(thread.getStackTrace());
    }

    /** Logs, writes and hands out {@code exitReport}; call it once, after {@link #claim()}. Never throws. */
    void publish(ExitReport exitReport) {
        publisher = Thread.currentThread();
        try {
            log(exitReport);
            if (settings.reportFile().isPresent()) {
                write(exitReport);
            }
            for (Consumer<? super ExitReport> listener : listeners) {
                try {
                    listener.accept(exitReport);
                } catch (Throwable e) {
                    // An Error too (a test's AssertionError): the other listeners and the exit still come first.
                    Log.warning("an exit report listener failed: " + Failures.describe(e) + Failures.where(e));
                }
            }
        } finally {
            report = exitReport;
            published.countDown();
        }
    }

    private void log(ExitReport exitReport) {
        System.Logger.Level level = exitReport.allSucceeded() ? System.Logger.Level.INFO : System.Logger.Level.WARNING;
        try {
            // The table costs microseconds per action: built only when it is going somewhere.
            if (!quiet && Log.isLoggable(level)) {
                Log.log(level, exitReport.toTable());
            }
        } catch (Throwable e) {
            // A logging backend that an action already closed must not cost the JSON report.
            System.err.println("exitguard: could not log the exit report (" + Failures.describe(e) + "):\n"
                    + exitReport.toTable());
        }
    }

    private void write(ExitReport exitReport) {
        try {
            ReportFile.write(settings.reportFile().get(), exitReport.toJson());
        } catch (Throwable e) {
            Log.warning(GuardSettings.REPORT + ": could not write the exit report to " + settings.reportFile().get()
                    + ": " + Failures.describe(e));
        }
    }

    /**
     * Waits for the published report, at most until a second past the moment the watchdog of
     * {@code run} halts the process: waiting longer could only wait for a process already gone.
     *
     * @throws IllegalStateException if it is not published by then
     */
    ExitReport await(ExitRun run) {
        if (awaitLatch(published, run)) {
            return report;
        }
        throw new IllegalStateException("the exit (" + run.reason() + ") has not finished within its deadline and halt grace");
    }

    private boolean awaitLatch(CountDownLatch latch, ExitRun run) {
        long endNanos = run.startNanos() + settings.deadline().plus(settings.haltGrace()).toNanos()
                + TimeUnit.SECONDS.toNanos(1);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return latch.await(Math.max(endNanos - ticker.nanoTime(), 0), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
