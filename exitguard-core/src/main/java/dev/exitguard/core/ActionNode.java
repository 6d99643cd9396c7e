package dev.exitguard.core;

import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    /** The thread the action's work went on to, if not its own (see {@link ExitRun#workOn}). */
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
