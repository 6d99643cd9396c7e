package dev.exitguard.core;

import dev.exitguard.api.ExitReason;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * The one exit of a guard: which request starts it, what every later request does, and how the
 * process then ends. One {@link ExitRun} per guard; how the process ends ({@link Ending}) decides
 * what every later request does.
 *
 * <table>
 * <caption>Each caller, as the first request and as a later one</caption>
 * <tr><th>caller</th><th>first request (no exit begun)</th><th>later request</th></tr>
 * <tr><td>{@link #exit} ({@code ExitGuard.exit(n)})</td>
 *     <td>starts the exit thread, which runs the actions, publishes the report and ends the
 *     process with {@code n}; the caller joins it (or runs it itself when no thread can be
 *     started)</td>
 *     <td>from inside an action: returns at once. After {@code runActions}: starts the exit thread,
 *     which waits for that report and ends the process with {@code n}, running nothing again.
 *     While an exit thread runs: joins it; the process ends with the first code. During the
 *     JVM's own shutdown: waits for the report, then for the JVM to end</td></tr>
 * <tr><td>{@link #requestExit} (a trigger)</td>
 *     <td>as {@code exit}, without joining</td>
 *     <td>after {@code runActions}: as {@code exit}. Otherwise {@link RequestDuringExit}: a programmatic
 *     request joins, a signal within the duplicate window is the same one, a later signal halts
 *     (or is ignored)</td></tr>
 * <tr><td>{@link #runActions}</td>
 *     <td>runs the actions on the caller's thread, publishes the report and returns it; nothing
 *     ends the process</td>
 *     <td>from inside an action: {@link IllegalStateException}. Otherwise waits for the report of
 *     the exit already begun</td></tr>
 * <tr><td>{@link #onJvmShutdown} (the JVM hook)</td>
 *     <td>runs the actions in the hook, under the watchdog, and publishes the report; the JVM ends
 *     the process with its own status</td>
 *     <td>the exit's ending becomes the JVM's. If an exit thread runs and has not claimed the
 *     report, the shutdown began elsewhere ({@code System.exit}): the report is published here
 *     naming the JVM's shutdown. Otherwise waits for the report</td></tr>
 * </table>
 *
 * <p>The report says what the process really exits with. The exit thread publishes it and calls
 * {@code Runtime.exit} holding the JVM's own shutdown lock ({@link JvmShutdownLock}), so that no
 * {@code System.exit} can slip in between; if one began the JVM's shutdown before, the exit thread
 * cannot get that lock, and the shutdown hook publishes the report instead.
 *
 * <p>Thread-safe: the run, its ending and the exit thread change under one lock.
 */
final class ExitSequence {

    /**
     * The status of a watchdog halt when the exit began in the JVM itself: a shutdown hook cannot
     * see the status given to {@code System.exit}, and a shutdown that had to be halted did fail.
     */
    static final int UNKNOWN_STATUS_HALT_CODE = 1;

    private enum Ending {
        /** No exit has begun. */
        NOT_YET,
        /** The actions ran (or run) in-process, through runActions; nothing ends the process yet. */
        NONE,
        /** The exit thread ends the process once the actions are over. */
        EXIT_THREAD,
        /** The JVM's own shutdown ends the process, with a status exitguard cannot see. */
        JVM
    }

    /**
     * What a request to end the process found: the run, and the thread that ends the process
     * (null when the JVM's own shutdown does, or when the exit ran on the asking thread).
     */
    private record Begin(ExitRun run, Thread exitThread, boolean first) {
    }

    /** The guard whose exit this is: the key of the JVM's hooks it may have adopted. */
    private final ExitGuard guard;
    private final GuardSettings settings;
    private final ActionRegistry registry;
    private final TriggerArming arming;
    private final ProcessTerminator terminator;
    private final Publication publication;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Ticker ticker;
    /** A rehearsal at install (see {@link Warmup}): it runs the exit path but logs nothing. */
    private final boolean quiet;

    private final Object lock = new Object();
    /** Under {@link #lock}. */
    private ExitRun run;
    /** Under {@link #lock}: how the process ends, once an exit has begun. */
    private Ending ending = Ending.NOT_YET;
    /** Under {@link #lock}: the thread that ends the process, when {@link #ending} is {@link Ending#EXIT_THREAD}. */
    private Thread exitThread;

    ExitSequence(ExitGuard guard, GuardSettings settings, ActionRegistry registry, TriggerArming arming,
            ProcessTerminator terminator, Publication publication, Executor workers, ScheduledExecutorService timer,
            Ticker ticker, boolean quiet) {
        this.guard = guard;
        this.settings = settings;
        this.registry = registry;
        this.arming = arming;
        this.terminator = terminator;
        this.publication = publication;
        this.workers = workers;
        this.timer = timer;
        this.ticker = ticker;
        this.quiet = quiet;
    }

    /** The run of the exit, once one has begun; else null. */
    ExitRun currentRun() {
        synchronized (lock) {
            return run;
        }
    }

    /** The report of the exit, once published. */
    Optional<ExitReport> report() {
        return publication.report();
    }

    /** See {@link ExitGuard#exit(int)}. */
    void exit(int status) {
        ExitReason reason = ExitReason.programmatic(status, "ExitGuard.exit(" + status + ")");
        ExitRun current = currentRun();
        if (current != null && current.isActionThread()) {
            Log.warning("ExitGuard.exit(" + status + ") called from exit action "
                    + ActionNode.currentAction().orElse("?") + ": the exit (" + current.reason()
                    + ") is already running, and the process exits when it is over");
            return;
        }
        Begin begin = beginProcessExit(reason);
        if (begin.exitThread != null) {
            ExitThreads.joinUninterruptibly(begin.exitThread);
            return;
        }
        if (begin.first) {
            // It ran here: no thread could be started for it.
            return;
        }
        // The JVM's own shutdown ends the process, with a status of its own: never call Runtime.exit over it.
        try {
            publication.await(begin.run);
        } catch (IllegalStateException e) {
            Log.warning("ExitGuard.exit(" + status + ") during the JVM's own shutdown: " + e.getMessage());
        }
        if (terminator == ProcessTerminator.jvm()) {
            ExitThreads.waitForTheJvmToEnd();
        }
    }

    /** See {@link ExitGuard#runActions(ExitReason)}. */
    ExitReport runActions(ExitReason reason) {
        ExitRun current = currentRun();
        if (current != null && current.isActionThread()) {
            throw new IllegalStateException("runActions(" + reason + ") called from inside exit action "
                    + ActionNode.currentAction().orElse("?") + "; it would wait for itself");
        }
        ExitRun started;
        synchronized (lock) {
            if (run != null) {
                started = null;
                current = run;
            } else {
                current = newRun(reason, false);
                started = current;
            }
        }
        if (started == null) {
            return publication.await(current);
        }
        ExitReport report = runAndCollect(started);
        if (publication.claim()) {
            publish(started, report);
        }
        return publication.await(started);
    }

    /** What a trigger's request does. */
    void requestExit(ExitReason reason) {
        Begin begin = beginProcessExit(reason);
        if (!begin.first) {
            RequestDuringExit.handle(reason, begin.run, settings, ticker, publication.isPublished(), terminator);
        }
    }

    /** Under {@link #lock}. */
    private ExitRun newRun(ExitReason reason, boolean inJvmShutdown) {
        List<ActionEntry> entries = registry.close(reason);
        begin(entries, reason);
        run = new ExitRun(reason, entries, settings.deadline(), settings.actionTimeout(),
                settings.phaseTimeouts(), workers, timer, ticker, quiet ? ExitEvents.NONE : ExitEvents.current(),
                inJvmShutdown, quiet);
        ending = inJvmShutdown ? Ending.JVM : Ending.NONE;
        ForeignHooks.attach(guard, run); // the JVM's other hooks, if this guard adopted them
        return run;
    }

    /** Under {@link #lock}: tells the actions that act the moment the exit begins (a drain stops its intake). */
    private void begin(List<ActionEntry> entries, ExitReason reason) {
        for (ActionEntry entry : entries) {
            if (entry.action() instanceof ExitBeginning) {
                try {
                    ((ExitBeginning) entry.action()).exitBegan(reason);
                } catch (RuntimeException | LinkageError e) {
                    Log.warning("exit action " + entry.label() + " failed as the exit began: " + Failures.describe(e));
                }
            }
        }
    }

    /**
     * Asks for the process to end with {@code reason}: starts the exit if none has begun, or ends
     * the process after a {@code runActions}; otherwise returns what is already under way, with
     * {@code first} false.
     */
    private Begin beginProcessExit(ExitReason reason) {
        Thread thread;
        ExitRun exitRun;
        boolean runsActions;
        Throwable failedToStart;
        synchronized (lock) {
            if (run != null && ending != Ending.NONE) {
                return new Begin(run, exitThread, false);
            }
            runsActions = run == null;
            exitRun = runsActions ? newRun(reason, false) : run;
            thread = new Thread(new Runnable() {
                @Override
                public void run() {
                    endProcess(exitRun, reason, runsActions);
                }
            }, "exitguard-exit");
            // Not a daemon, on purpose: if the main thread returns while the actions run, the JVM
            // must still wait for this thread to exit with the reason's code, rather than begin its
            // own shutdown with status 0.
            thread.setDaemon(false);
            ending = Ending.EXIT_THREAD;
            if (!runsActions) {
                // Said before the thread starts: it may end the process at once.
                Log.info("exit requested (" + reason + ") after the actions ran in-process (" + exitRun.reason()
                        + "); the process exits with code " + reason.exitCode().orElse(UNKNOWN_STATUS_HALT_CODE)
                        + " once they are over, without running them again");
            }
            if (runsActions) {
                // The first actions go to their workers from this thread, before the exit thread
                // starts: one hand-over from the signal to the first action, not two (issue 16).
                exitRun.beginFirstPhase();
            }
            // Started under the lock: whoever finds it next joins a thread that runs (joining one
            // not started yet would return at once), and main cannot return in between.
            failedToStart = ExitThreads.start(thread);
            exitThread = failedToStart == null ? thread : Thread.currentThread();
        }
        if (failedToStart != null) {
            // No thread can be started (a limit on threads): the exit runs on the thread that asked for it.
            Log.warning("could not start the exit's own thread (" + Failures.describe(failedToStart)
                    + "); the exit runs on the thread that asked for it, " + Thread.currentThread().getName());
            thread.run();
            return new Begin(exitRun, null, true);
        }
        return new Begin(exitRun, thread, true);
    }

    /**
     * On the exit thread: ends the process with {@code reason}'s code once the actions are over:
     * runs them first if {@code runsActions}, else waits for those {@code runActions} runs; tells
     * the triggers; then publishes the report and calls {@code Runtime.exit} as one step (see
     * {@link JvmShutdownLock}).
     */
    private void endProcess(ExitRun exitRun, ExitReason reason, boolean runsActions) {
        int status = reason.exitCode().orElse(UNKNOWN_STATUS_HALT_CODE);
        ScheduledFuture<?> watchdog = startWatchdog(exitRun, status);
        ExitReport report = runsActions ? runAndCollect(exitRun) : null;
        arming.actionsFinished(reason);
        if (report == null) {
            try {
                publication.await(exitRun);
            } catch (IllegalStateException e) {
                Log.warning("exit requested (" + reason + ") after the actions ran in-process: " + e.getMessage()
                        + "; the process exits without waiting for them any longer");
            }
        }
        // Waits for ever if the JVM's own shutdown began elsewhere, unless that shutdown (the last
        // thread's ending) lets the lock go once its hooks are over: then the hook has published the
        // report, naming that shutdown, and this exit must not end the process with its own code.
        synchronized (JvmShutdownLock.MONITOR) {
            if (exitRun.isExitTakenOverByJvm()) {
                if (terminator == ProcessTerminator.jvm()) {
                    // Keeps the lock, so that no later System.exit changes the status either.
                    ExitThreads.waitForTheJvmToEnd();
                }
            } else {
                try {
                    if (report != null && publication.claim()) {
                        publish(exitRun, report);
                    }
                } finally {
                    // Whatever went wrong above, the process must still end with the reason's code.
                    terminator.exit(status);
                }
            }
        }
        // Only a replaced terminator returns; the process lives on, so the watchdog must not fire.
        if (watchdog != null) {
            watchdog.cancel(false);
        }
    }

    /** The JVM's own shutdown has begun: run the actions here, or see the exit already running to its end. */
    void onJvmShutdown() {
        ExitRun exitRun;
        Ending before;
        synchronized (lock) {
            before = ending;
            if (run == null) {
                exitRun = newRun(ExitReason.jvmShutdown("System.exit, or the last non-daemon thread ended"), true);
            } else {
                exitRun = run;
                if (ending == Ending.NONE) {
                    ending = Ending.JVM;
                }
            }
        }
        if (before == Ending.NOT_YET) {
            // Before any action runs, and again after one was found in System.exit: see ShutdownLockKeeper.
            ShutdownLockKeeper.queue("exitguard-shutdown-lock-keeper-1");
            startWatchdog(exitRun, UNKNOWN_STATUS_HALT_CODE);
            ExitReport report = runAndCollect(exitRun);
            if (exitRun.actionFoundInSystemExit()) {
                ShutdownLockKeeper.queue("exitguard-shutdown-lock-keeper-2");
            }
            if (publication.claim()) {
                publish(exitRun, report);
            }
            return;
        }
        exitRun.jvmShutdownBegan();
        if (before == Ending.EXIT_THREAD && !publication.isClaimed()) {
            // The exit thread claims the report before it calls Runtime.exit, and cannot begin the
            // JVM's shutdown without it: this shutdown began elsewhere (System.exit in an action or
            // in the application), and the process exits with that call's status, not the exit's.
            ExitReport report = publication.awaitActionsOver(exitRun);
            if (report != null && publication.claim()) {
                exitRun.exitTakenOverByJvm();
                publish(exitRun, new ExitReport(ExitReason.jvmShutdown("the JVM's own shutdown (System.exit, or"
                        + " Runtime.exit) began during the exit (" + exitRun.reason() + "), and the process exits"
                        + " with the status given there"), report.startedAt(), report.duration(), report.deadline(),
                        report.actions()));
                return;
            }
        }
        if (publication.publisherIsInSystemExit()) {
            // A report listener called System.exit: it waits for this hook, which must not wait for it.
            return;
        }
        try {
            publication.await(exitRun);
        } catch (IllegalStateException e) {
            Log.warning("the JVM is shutting down before the exit finished: " + e.getMessage());
        }
    }

    private ScheduledFuture<?> startWatchdog(ExitRun exitRun, int status) {
        try {
            return Watchdog.start(timer, ticker, exitRun, settings, status, terminator);
        } catch (Throwable e) {
            Log.warning("could not arm the watchdog of the exit (" + Failures.describe(e)
                    + "); a JVM shutdown that hangs after the actions is not halted");
            return null;
        }
    }

    /** Publishes the report of {@code exitRun}, once claimed: its JFR event, then the log, file and listeners. */
    private void publish(ExitRun exitRun, ExitReport report) {
        try {
            exitRun.reported(report);
        } catch (Throwable e) {
            Log.debug("could not emit the exit's JFR event: " + Failures.describe(e));
        }
        publication.publish(report);
    }

    /** Runs the actions of {@code exitRun}; returns their report, which is not yet published. Never throws. */
    private ExitReport runAndCollect(ExitRun exitRun) {
        ExitReport report;
        try {
            report = exitRun.runPhases();
        } catch (Throwable e) {
            String why = Failures.describe(e);
            Log.log(quiet ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "the exit coordinator failed; reporting what it knows: " + why);
            report = exitRun.reportNow("the exit coordinator failed: " + why);
        }
        publication.actionsOver(report);
        return report;
    }
}
