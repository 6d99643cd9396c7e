package dev.exitguard.core;

import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves the actions of one {@link ExitRun} through their states ({@link ActionNode}), each change
 * under the run's lock: started (its timeout armed, queued for a worker), run on a worker, and
 * settled exactly once (succeeded, failed, timed out and interrupted, skipped, or counted as
 * finished inside {@code System.exit}), which starts whatever waited only for it. The run decides
 * when a phase begins and when its time is up; this class decides what that means for each action.
 */
final class ActionLifecycle {

    private final ExitRun run;
    private final ReentrantLock lock;
    private final Ticker ticker;
    private final ExitEvents events;
    private final ScheduledExecutorService timer;
    private final Optional<Duration> defaultTimeout;
    /** When the running phase must be over; owned by the run. */
    private final PhaseLimit limit;
    private final ThreadHandOver handOver;
    private volatile boolean actionFoundInSystemExit;

    ActionLifecycle(ExitRun run, ReentrantLock lock, Ticker ticker, ExitEvents events, ScheduledExecutorService timer,
            Optional<Duration> defaultTimeout, PhaseLimit limit, ThreadHandOver handOver) {
        this.run = run;
        this.lock = lock;
        this.ticker = ticker;
        this.events = events;
        this.timer = timer;
        this.defaultTimeout = defaultTimeout;
        this.limit = limit;
        this.handOver = handOver;
    }

    /** Whether an action was found inside {@code System.exit}, and counted as finished. */
    boolean actionFoundInSystemExit() {
        return actionFoundInSystemExit;
    }

    /** Under the lock. */
    void start(ActionNode node) {
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
                    run.warn("could not arm the timeout of exit action " + node.entry.label() + " ("
                            + Failures.describe(e) + "); the exit's deadline still bounds it");
                }
            }
        } else {
            node.endNanos = limit.endNanos();
        }
        handOver.queue(node);
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
    void cutOff(List<ActionNode> phase, PhaseLimit.Words words) {
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

    /** Under the lock. */
    private void interruptAndSettle(ActionNode node, String detail) {
        Thread thread = node.thread;
        settle(node, Outcome.TIMED_OUT, null, node.stackNow(), detail);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Under the lock. */
    void releaseActionsInSystemExit(List<ActionNode> phase) {
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
    void skip(ActionNode node, String detail) {
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
        run.phaseActionSettled();
    }
}
