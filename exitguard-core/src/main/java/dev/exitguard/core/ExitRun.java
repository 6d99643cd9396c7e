package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
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
 * handed over by {@link ThreadHandOver}, which keeps an action no thread can be had for waiting
 * rather than lost; its timeout and the deadline still bound it, waiting included. Every change
 * of an action's state ({@link ActionNode}) happens under one lock, so an action that times out at
 * the instant it returns is settled exactly once, and a thread is only interrupted while it is
 * still inside the action that ran out of time.
 */
final class ExitRun {

    /** How often the coordinator looks for actions stuck in {@code System.exit} once the JVM is shutting down. */
    private static final long SHUTDOWN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);


    private final ExitReason reason;
    private final Duration deadline;
    private final Optional<Duration> defaultTimeout;
    private final ScheduledExecutorService timer;
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
    private volatile boolean actionFoundInSystemExit;
    private int unsettledInPhase;
    private long endNanos = -1;

    private final ExitEvents events;
    /** What {@link ExitEvents#exitBegan()} returned; handed back when the report is made. */
    private final Object exitEvent;
    /** Under the lock: when the running phase must be over. */
    private final PhaseLimit limit;

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
        this.defaultTimeout = defaultTimeout;
        this.events = events;
        this.exitEvent = events.exitBegan();
        this.timer = timer;
        this.handOver = new ThreadHandOver(this, lock, workers, timer);
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        this.startedAt = ticker.instant();
        this.limit = new PhaseLimit(ticker, startNanos + deadline.toNanos(), deadline, phaseTimeouts);
        this.deadlineInstant = startedAt.plus(deadline);
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
        return actionFoundInSystemExit;
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
                start(node);
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
                        skip(node, "not started: the exit deadline passed before phase "
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
                    cutOff(phase, limit.atEnd());
                    return;
                }
                if (jvmShuttingDown) {
                    releaseActionsInSystemExit(phase);
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
            cutOff(phase, limit.atDeadline());
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void start(ActionNode node) {
        node.state = ActionNode.State.RUNNING;
        node.startNanos = ticker.nanoTime();
        Optional<Duration> timeout = node.entry.timeout().or(() -> defaultTimeout);
        if (timeout.isPresent()) {
            long end = node.startNanos + timeout.get().toNanos();
            long phaseEnd = limit.endNanos();
            node.endNanos = end - phaseEnd < 0 ? end : phaseEnd;
            if (end - phaseEnd < 0) {
                try {
                    node.timeout = timer.schedule(() -> timeOut(node, timeout.get()),
                            end - node.startNanos, TimeUnit.NANOSECONDS);
                } catch (Throwable e) {
                    // The timer could not take it (its thread could not be started): the phase's end still bounds the action.
                    warn("could not arm the timeout of exit action " + node.entry.label() + " ("
                            + Failures.describe(e) + "); the exit's deadline still bounds it");
                }
            }
        } else {
            node.endNanos = limit.endNanos();
        }
        handOver.queue(node);
    }

    /** Logs what went wrong, at debug for the rehearsal at install. */
    void warn(String message) {
        Log.log(quiet ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, message);
    }

    /** On a worker: runs {@code node}'s action here, unless it was settled or taken meanwhile. */
    void runHere(ActionNode node) {
        Thread thread = Thread.currentThread();
        lock.lock();
        try {
            if (node.state != ActionNode.State.RUNNING || node.taken) {
                return;
            }
            node.taken = true;
            node.thread = thread;
            node.ranNanos = ticker.nanoTime();
            node.event = events.actionBegan();
        } finally {
            lock.unlock();
        }
        String workerName = thread.getName();
        thread.setName("exitguard-action-" + node.entry.name());
        ActionNode.CURRENT.set(node);
        Throwable failure = null;
        try {
            node.entry.action().run(node);
        } catch (Throwable e) {
            failure = e;
        } finally {
            ActionNode.CURRENT.remove();
            thread.setName(workerName);
        }
        lock.lock();
        try {
            if (node.state == ActionNode.State.RUNNING) {
                settle(node, failure == null ? Outcome.SUCCEEDED : Outcome.FAILED, failure, null, node.waitedForThread
                        ? "waited " + Durations.format(Duration.ofNanos(node.ranNanos - node.startNanos))
                                + " for a thread (" + handOver.shortage() + ")"
                        : "");
            }
            node.thread = null;
        } finally {
            // An interrupt meant for this action must not reach the next task of this worker.
            Thread.interrupted();
            lock.unlock();
        }
    }

    private void timeOut(ActionNode node, Duration timeout) {
        lock.lock();
        try {
            if (node.state == ActionNode.State.RUNNING) {
                if (node.neverGotAThread()) {
                    settle(node, Outcome.SKIPPED, null, null, "not started: no thread could be had for it within its"
                            + " timeout of " + Durations.format(timeout) + " (" + handOver.shortage() + ")");
                } else {
                    interruptAndSettle(node, "ran past its timeout of " + Durations.format(timeout) + " and was interrupted");
                }
            }
        } finally {
            lock.unlock();
        }
        handOver.dispatch();
    }

    /**
     * Under the lock: the phase's time is up ({@code words} say how); skips what still waits in
     * {@code phase}, reports what never got a thread as not started, and interrupts what runs.
     */
    private void cutOff(List<ActionNode> phase, PhaseLimit.Words words) {
        // Skip the waiting first: settling a running action would otherwise start what waits for it.
        for (ActionNode node : phase) {
            if (node.state == ActionNode.State.WAITING) {
                skip(node, "not started: " + words.ended() + " while it waited for " + node.entry.after());
            }
        }
        for (ActionNode node : phase) {
            if (node.state == ActionNode.State.RUNNING && node.neverGotAThread()) {
                settle(node, Outcome.SKIPPED, null, null, "not started: no thread could be had for it " + words.before()
                        + " (" + handOver.shortage() + ")");
            } else if (node.state == ActionNode.State.RUNNING) {
                interruptAndSettle(node, words.running() + "; interrupted and abandoned");
            }
        }
    }

    /** The JFR event of the whole exit, once its report is made (see {@link ExitEvents}). */
    void reported(ExitReport report) {
        events.exitEnded(exitEvent, report);
    }

    /** Under the lock. */
    private void interruptAndSettle(ActionNode node, String detail) {
        Thread thread = node.thread;
        settle(node, Outcome.TIMED_OUT, null, node.stackNow(), detail);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Under the lock. */
    private void releaseActionsInSystemExit(List<ActionNode> phase) {
        for (ActionNode node : phase) {
            Thread thread = node.thread;
            if (node.state == ActionNode.State.RUNNING && thread != null && Stacks.isInSystemExit(node.watched().getStackTrace())) {
                actionFoundInSystemExit = true;
                settle(node, Outcome.SUCCEEDED, null, null,
                        "called System.exit; counted as finished so that the rest of the exit goes on");
            }
        }
    }

    /** Under the lock. */
    private void skip(ActionNode node, String detail) {
        node.state = ActionNode.State.DONE;
        node.outcome = Outcome.SKIPPED;
        node.detail = detail;
        events.actionEnded(null, node.entry.name(), node.entry.phase(), Outcome.SKIPPED, null, detail);
    }

    /** Under the lock: records the outcome and starts whatever was waiting only for this node. */
    private void settle(ActionNode node, Outcome outcome, Throwable failure, String stack, String detail) {
        node.state = ActionNode.State.DONE;
        node.outcome = outcome;
        node.failure = failure;
        node.stack = stack;
        node.detail = detail;
        node.doneNanos = ticker.nanoTime();
        if (node.timeout != null) {
            node.timeout.cancel(false);
        }
        events.actionEnded(node.event, node.entry.name(), node.entry.phase(), outcome, node.thread,
                failure != null ? Failures.describe(failure) : detail);
        for (ActionNode dependent : node.dependents) {
            if (--dependent.pending == 0 && dependent.state == ActionNode.State.WAITING) {
                start(dependent);
            }
        }
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
