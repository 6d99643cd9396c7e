package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import java.time.Duration;
import java.util.Map;

/**
 * When the running phase of one exit must be over: the end of its budget
 * ({@code exitguard.phaseTimeout.<PHASE>}), or the exit's deadline if that comes first; and how a
 * cut-off at either is worded in the report. Used under its run's lock.
 */
final class PhaseLimit {

    /** How a cut-off is worded: what ended (while an action waited), before what (no thread came), what still ran. */
    record Words(String ended, String before, String running) {
    }

    private final Ticker ticker;
    private final long deadlineNanos;
    private final Duration deadline;
    private final Map<Integer, Duration> budgets;
    private int phase;
    private long endNanos;
    /** The budget of the running phase, if it ends the phase before the deadline does; else null. */
    private Duration binding;

    PhaseLimit(Ticker ticker, long deadlineNanos, Duration deadline, Map<Integer, Duration> budgets) {
        this.ticker = ticker;
        this.deadlineNanos = deadlineNanos;
        this.deadline = deadline;
        this.budgets = budgets;
        this.endNanos = deadlineNanos;
    }

    /** Whether the exit's deadline has passed. */
    boolean deadlinePassed() {
        return ticker.nanoTime() - deadlineNanos >= 0;
    }

    /** {@code phase} begins now: it ends at its budget's end, or at the deadline if that comes first. */
    void begin(int phase) {
        this.phase = phase;
        endNanos = deadlineNanos;
        binding = null;
        Duration budget = budgets.get(phase);
        if (budget != null) {
            long end = ticker.nanoTime() + budget.toNanos();
            if (end - deadlineNanos < 0) {
                endNanos = end;
                binding = budget;
            }
        }
    }

    /** When the running phase must be over. */
    long endNanos() {
        return endNanos;
    }

    /** The words of a cut-off at the end of the running phase: its budget's, or the deadline's. */
    Words atEnd() {
        if (binding == null) {
            return atDeadline();
        }
        String limit = "the budget of phase " + ExitPhase.nameOf(phase) + " (" + Durations.format(binding) + ") ran out";
        return new Words(limit, "before " + limit, "still running when " + limit);
    }

    /** The words of a cut-off at the exit's deadline. */
    Words atDeadline() {
        String limit = "the exit deadline (" + Durations.format(deadline) + ")";
        return new Words(limit + " passed", "before " + limit, "still running at " + limit);
    }
}
