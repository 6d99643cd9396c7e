package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One exit: runs a fixed set of actions, phase by phase, each the moment what it is after has
 * finished, and bounds each by its timeout and all by the deadline.
 *
 * <p>The thread that calls {@link #runPhases()} only coordinates; actions run on {@code workers},
 * started, run and settled by {@link ActionLifecycle}, handed over by {@link ThreadHandOver},
 * which keeps an action no thread can be had for waiting rather than lost; its timeout and the
 * deadline still bound it, waiting included. Every change of an action's state ({@link ActionNode})
 * happens under one lock, so an action that times out at the instant it returns is settled exactly
 * once, and a thread is only interrupted while it is still inside the action that ran out of time.
 */
final class ExitRun {

    /** How often the coordinator looks for actions stuck in {@code System.exit} once the JVM is shutting down. */
    private static final long SHUTDOWN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);


    private final ExitReason reason;
    private final Duration deadline;
    final Ticker ticker;
    final ReentrantLock lock = new ReentrantLock();
    private final Condition phaseDone = lock.newCondition();
    /**
     * Replaced, never changed, when the last phase adds its actions ({@link #runLastPhase()}); only
     * the coordinator replaces it.
     */
    private volatile List<ActionNode> nodes;
    private final ThreadHandOver handOver;
    private final long startNanos;
    private final Instant startedAt;
    private final Instant deadlineInstant;

    private final boolean quiet;
    private volatile boolean jvmShuttingDown;
    /** Under the lock: whether a phase has begun; the first may begin before the coordinator runs ({@link #beginFirstPhase}). */
    private boolean phaseBegun;
    private volatile boolean exitTakenOverByJvm;
    private int unsettledInPhase;
    private long endNanos = -1;

    private final ExitEvents events;
    /** What {@link ExitEvents#exitBegan()} returned; handed back when the report is made. */
    private final Object exitEvent;
    /** Under the lock: when the running phase must be over. */
    private final PhaseLimit limit;
    private final ActionLifecycle actions;

    /**
     * @param inJvmShutdown whether the JVM's own shutdown is already under way (the exit runs from
     *     the JVM shutdown hook): then an action that calls {@code System.exit} is stuck there from
     *     the start, and counts as finished at once
     * @param quiet whether what goes wrong is logged at debug rather than as a warning (the
     *     rehearsal at install)
     */
    ExitRun(ExitReason reason, List<ActionEntry> entries, Duration deadline, Optional<Duration> defaultTimeout,
            Map<Integer, Duration> phaseTimeouts, Executor workers, ScheduledExecutorService timer, Ticker ticker,
            ExitEvents events, boolean inJvmShutdown, boolean quiet) {
        this.reason = reason;
        this.quiet = quiet;
        this.jvmShuttingDown = inJvmShutdown;
        this.deadline = deadline;
        this.events = events;
        this.exitEvent = events.exitBegan();
        this.handOver = new ThreadHandOver(this, lock, workers, timer);
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        this.startedAt = ticker.instant();
        this.limit = new PhaseLimit(ticker, startNanos + deadline.toNanos(), deadline, phaseTimeouts);
        this.deadlineInstant = startedAt.plus(deadline);
        this.actions = new ActionLifecycle(this, lock, ticker, events, timer, defaultTimeout, limit, handOver);
        this.nodes = ActionNode.order(this, entries);
    }

    /** Whether the current thread is running an action of this exit. */
    boolean isActionThread() {
        return ActionNode.current(this) != null;
    }

    ExitReason reason() {
        return reason;
    }

    Instant deadlineInstant() {
        return deadlineInstant;
    }

    long startNanos() {
        return startNanos;
    }

    /** Whether the JVM's own shutdown has begun (this exit runs from its hook, or the hook has run). */
    boolean jvmShuttingDown() {
        return jvmShuttingDown;
    }

    /**
     * The JVM's shutdown began elsewhere while this exit was to end the process: the process exits
     * with a status this exit cannot see, so a watchdog halt uses {@link ExitSequence#UNKNOWN_STATUS_HALT_CODE}.
     */
    void exitTakenOverByJvm() {
        exitTakenOverByJvm = true;
    }

    boolean isExitTakenOverByJvm() {
        return exitTakenOverByJvm;
    }

    /** Whether an action was found inside {@code System.exit}, and counted as finished. */
    boolean actionFoundInSystemExit() {
        return actions.actionFoundInSystemExit();
    }

    /**
     * From now on, an action whose thread is stuck inside {@code System.exit} counts as finished:
     * that thread waits for the JVM's shutdown hooks, one of which waits for this exit, so waiting
     * for the action would only end at its timeout.
     */
    void jvmShutdownBegan() {
        jvmShuttingDown = true;
        lock.lock();
        try {
            phaseDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs every action and returns the report; blocks until all have settled or the deadline. */
    ExitReport runPhases() {
        int from = 0;
        while (from < nodes.size()) {
            List<ActionNode> phase = phaseFrom(from);
            runPhase(phase);
            from += phase.size();
        }
        runLastPhase();
        lock.lock();
        try {
            endNanos = ticker.nanoTime();
            return report(null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the first phase's actions that wait for nothing and hands them to workers, on the
     * calling thread, before the coordinator exists: a trigger's thread calls it, so that the first
     * action is one hand-over away from the signal, as a plain JVM hook is, rather than two (the exit
     * thread's start, then the hand-over). {@link #runPhases()} then only waits for that phase. Does
     * nothing if a phase has begun already.
     */
    void beginFirstPhase() {
        lock.lock();
        try {
            if (phaseBegun || nodes.isEmpty()) {
                return;
            }
            beginPhase(phaseFrom(0));
        } finally {
            lock.unlock();
        }
        handOver.dispatch();
    }

    /** The phase whose first node is {@code nodes.get(from)}. */
    private List<ActionNode> phaseFrom(int from) {
        int phase = nodes.get(from).entry.phase();
        int to = from;
        while (to < nodes.size() && nodes.get(to).entry.phase() == phase) {
            to++;
        }
        return nodes.subList(from, to);
    }

    /** Under the lock. */
    private void beginPhase(List<ActionNode> phase) {
        phaseBegun = true;
        unsettledInPhase = phase.size();
        limit.begin(phase.get(0).entry.phase());
        for (ActionNode node : phase) {
            if (node.pending == 0) {
                actions.start(node);
            }
        }
    }

    private void runPhase(List<ActionNode> phase) {
        lock.lock();
        try {
            boolean begunEarly = phase.get(0) == nodes.get(0) && phaseBegun;
            if (!begunEarly) {
                if (limit.deadlinePassed()) {
                    for (ActionNode node : phase) {
                        actions.skip(node, "not started: the exit deadline passed before phase "
                                + ExitPhase.nameOf(node.entry.phase()) + " began");
                    }
                    return;
                }
                beginPhase(phase);
            }
        } finally {
            lock.unlock();
        }
        handOver.dispatch();
        lock.lock();
        try {
            while (unsettledInPhase > 0) {
                long left = limit.endNanos() - ticker.nanoTime();
                if (left <= 0) {
                    actions.cutOff(phase, limit.atEnd());
                    return;
                }
                if (jvmShuttingDown) {
                    actions.releaseActionsInSystemExit(phase);
                    if (handOver.hasQueued()) {
                        lock.unlock();
                        try {
                            handOver.dispatch();
                        } finally {
                            lock.lock();
                        }
                        continue;
                    }
                    if (unsettledInPhase == 0) {
                        return;
                    }
                    left = Math.min(left, SHUTDOWN_POLL_NANOS);
                }
                phaseDone.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            // Whoever interrupted the coordinator wants the exit over: give up on what still runs.
            Thread.currentThread().interrupt();
            actions.cutOff(phase, limit.atDeadline());
        } finally {
            lock.unlock();
        }
    }

    /** Logs what went wrong, at debug for the rehearsal at install. */
    void warn(String message) {
        Log.log(quiet ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, message);
    }

    /** On a worker: runs {@code node}'s action here, unless it was settled or taken meanwhile. */
    void runHere(ActionNode node) {
        actions.runHere(node);
    }


    /** The JFR event of the whole exit, once its report is made (see {@link ExitEvents}). */
    void reported(ExitReport report) {
        events.exitEnded(exitEvent, report);
    }

    /** Under the lock: an action of the running phase has settled; the phase is over when none is left. */
    void phaseActionSettled() {
        if (--unsettledInPhase == 0) {
            phaseDone.signalAll();
        }
    }


    // ---- a last phase known only when it begins: the JVM's other shutdown hooks ----

    /** Where the actions of the last phase come from; null if there is none. */
    private volatile LastPhase lastPhase;

    /** Gives this exit a last phase; before {@link #runPhases()}. */
    void lastPhase(LastPhase source) {
        this.lastPhase = source;
    }

    private void runLastPhase() {
        LastPhase source = lastPhase;
        if (source == null) {
            return;
        }
        List<ActionEntry> entries;
        try {
            entries = source.take();
        } catch (RuntimeException | LinkageError e) {
            Log.warning("could not take the JVM's other shutdown hooks for the exit: " + e);
            return;
        }
        if (entries.isEmpty()) {
            return;
        }
        List<ActionNode> added = new ArrayList<>(entries.size());
        for (ActionEntry entry : entries) {
            added.add(new ActionNode(this, entry));
        }
        lock.lock();
        try {
            List<ActionNode> all = new ArrayList<>(nodes);
            all.addAll(added);
            nodes = List.copyOf(all);
        } finally {
            lock.unlock();
        }
        runPhase(added);
    }

    /** The names of the actions running now, with how long each has run and where it is. */
    List<String> describeRunning() {
        lock.lock();
        try {
            List<String> out = new ArrayList<>();
            long now = ticker.nanoTime();
            for (ActionNode node : nodes) {
                String line = node.describeRunning(now, handOver.shortage());
                if (line != null) {
                    out.add(line);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The report as it stands, for a halt: what is still running counts as timed out (with its
     * stack), what has not started as skipped, each with {@code why} as the detail.
     */
    ExitReport reportNow(String why) {
        lock.lock();
        try {
            return report(why);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private ExitReport report(String unsettledWhy) {
        long now = ticker.nanoTime();
        List<ActionReport> actions = new ArrayList<>(nodes.size());
        for (ActionNode node : nodes) {
            actions.add(node.row(startNanos, now, unsettledWhy, handOver.shortage()));
        }
        long end = endNanos >= 0 ? endNanos : now;
        return new ExitReport(reason, startedAt, Duration.ofNanos(end - startNanos), deadline, actions);
    }
}
