package dev.exitguard.core;

import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * One action in one {@link ExitRun}: where it stands, what waits for it, and what it did. It is
 * also the context the action is given.
 *
 * <p>Its fields change under its run's lock only; the methods that read several of them say
 * "under the lock", and the run holds it when it calls them.
 */
final class ActionNode implements ExitContext {

    enum State { WAITING, RUNNING, DONE }

    /** The node whose action the current thread runs; set by {@link ActionLifecycle#runHere} while it runs. */
    static final ThreadLocal<ActionNode> CURRENT = new ThreadLocal<>();

    final ExitRun run;
    final ActionEntry entry;
    final List<ActionNode> dependents = new ArrayList<>();
    int pending;
    State state = State.WAITING;
    /** Whether a worker has taken it to run: it runs once, however often it was handed over. */
    boolean taken;
    /** Whether it had to wait because no thread could be started for it. */
    boolean waitedForThread;
    Thread thread;
    /** The thread the action's work went on to, if not its own (see {@link #workOn}). */
    Thread workThread;
    /** When it was started: its timeout runs from here. */
    long startNanos;
    /** When a worker began running it; 0 until then. Later than startNanos only when workers are busy. */
    long ranNanos;
    long endNanos;
    long doneNanos;
    ScheduledFuture<?> timeout;
    /** What {@link ExitEvents#actionBegan()} returned when a worker began running it. */
    Object event;
    final Facts facts;
    Outcome outcome;
    Throwable failure;
    String stack;
    String detail;

    ActionNode(ExitRun run, ActionEntry entry) {
        this.run = run;
        this.entry = entry;
        this.facts = new Facts(entry.name());
    }

    /** The name of the action the current thread is running, if it is running one. */
    static Optional<String> currentAction() {
        ActionNode node = CURRENT.get();
        return node == null ? Optional.empty() : Optional.of(node.entry.name());
    }

    /** The node the current thread runs for {@code run}; null if it runs none of that exit's actions. */
    static ActionNode current(ExitRun run) {
        ActionNode node = CURRENT.get();
        return node != null && node.run == run ? node : null;
    }

    /**
     * Called from inside an action whose work goes on on another thread, {@code thread} (an adopted
     * shutdown hook it started): from now on that thread's stack is the one the report shows and
     * the one looked at for {@code System.exit}. A timeout or the deadline still interrupts the
     * action's own thread, which passes the interrupt on: so the action ends only once its outcome
     * is settled, never a moment before as if it had succeeded.
     */
    static void workOn(Thread thread) {
        ActionNode node = CURRENT.get();
        if (node == null) {
            return;
        }
        ExitRun run = node.run;
        run.lock.lock();
        try {
            if (node.state == ActionNode.State.RUNNING) {
                node.workThread = thread;
            }
        } finally {
            run.lock.unlock();
        }
    }

    /** The nodes in {@link RunOrder}, each knowing what waits for it and how many it waits for. */
    static List<ActionNode> order(ExitRun run, List<ActionEntry> entries) {
        Map<String, ActionNode> byName = new HashMap<>();
        List<ActionNode> ordered = new ArrayList<>(entries.size());
        for (ActionEntry entry : RunOrder.of(entries)) {
            ActionNode node = new ActionNode(run, entry);
            byName.put(entry.name(), node);
            ordered.add(node);
        }
        for (ActionNode node : ordered) {
            for (String target : node.entry.after()) {
                ActionNode other = byName.get(target);
                if (other != null && other.entry.phase() == node.entry.phase()) {
                    node.pending++;
                    other.dependents.add(node);
                }
            }
        }
        return List.copyOf(ordered);
    }

    /** Under the lock: whether it waits for a thread the JVM could not start, and never ran. */
    boolean neverGotAThread() {
        return waitedForThread && !taken;
    }

    /** Under the lock: the thread whose stack tells where it is. */
    Thread watched() {
        return workThread != null ? workThread : thread;
    }

    /** Under the lock: where it is now, as the report shows a stack. */
    String stackNow() {
        return thread == null ? "(its thread had not yet started it)" : Stacks.format(watched().getStackTrace());
    }

    /**
     * Under the lock: its row of the report as of {@code now}; what still runs counts as timed out
     * and what has not started as skipped, each with {@code unsettledWhy} as the detail.
     */
    ActionReport row(long runStartNanos, long now, String unsettledWhy, String threadShortage) {
        Outcome rowOutcome = outcome;
        String rowDetail = detail;
        String rowStack = stack;
        long done = doneNanos;
        if (state == State.RUNNING && neverGotAThread()) {
            rowOutcome = Outcome.SKIPPED;
            rowDetail = (unsettledWhy == null ? "not started" : unsettledWhy) + " (it was waiting for a thread: "
                    + threadShortage + ")";
        } else if (state == State.RUNNING) {
            rowOutcome = Outcome.TIMED_OUT;
            rowStack = stackNow();
            rowDetail = unsettledWhy;
            done = now;
        } else if (state == State.WAITING) {
            rowOutcome = Outcome.SKIPPED;
            rowDetail = unsettledWhy;
        }
        boolean started = rowOutcome != Outcome.SKIPPED;
        long ran = ranNanos != 0 ? ranNanos : startNanos;
        return new ActionReport(entry.name(), entry.phase(), rowOutcome,
                started ? Duration.ofNanos(ran - runStartNanos) : Duration.ZERO,
                started ? Duration.ofNanos(done - ran) : Duration.ZERO,
                Optional.ofNullable(failure), Optional.ofNullable(rowStack), rowDetail == null ? "" : rowDetail,
                facts.snapshot());
    }

    /** Under the lock: what it is doing as of {@code now}, for a halt's message; null unless it runs. */
    String describeRunning(long now, String threadShortage) {
        if (state != State.RUNNING) {
            return null;
        }
        String since = Durations.format(Duration.ofNanos(now - startNanos));
        if (neverGotAThread()) {
            return entry.label() + " waiting for a thread for " + since + " (" + threadShortage + ")";
        }
        return entry.label() + " running for " + since + (thread == null ? "" : ", at:\n" + stackNow());
    }

    @Override
    public ExitReason reason() {
        return run.reason();
    }

    @Override
    public Instant deadline() {
        return run.deadlineInstant();
    }

    @Override
    public Duration remaining() {
        long end;
        run.lock.lock();
        try {
            end = endNanos;
        } finally {
            run.lock.unlock();
        }
        long left = end - run.ticker.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    @Override
    public void fact(String name, long value) {
        facts.put(name, value);
    }

    @Override
    public void fact(String name, String value) {
        facts.put(name, value);
    }

    @Override
    public String toString() {
        return "ExitContext[" + entry.label() + ", " + run.reason() + ", remaining " + Durations.format(remaining())
                + "]";
    }
}
