package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one exit did: why it happened, how long it took, and the outcome of every action. Immutable.
 *
 * <p>Every exit produces one. It is logged through {@link System.Logger} (logger
 * {@code dev.exitguard}) as a table, written as JSON to the file named by
 * {@code exitguard.report} when that is set, handed to every
 * {@link ExitGuard.Builder#onReport report listener}, and returned by
 * {@link ExitGuard#runActions(ExitReason)}.
 *
 * @param reason why the exit happened
 * @param startedAt when the exit began, by the wall clock
 * @param duration how long the actions took, from the request to the last outcome
 * @param deadline the time the whole exit was given
 * @param actions every action the exit knew of, in phase order, then in the order their
 *     {@code after()} edges allow, then by name
 * @since 0.1
 */
public record ExitReport(ExitReason reason, Instant startedAt, Duration duration, Duration deadline,
        List<ActionReport> actions) {

    /** What became of one action. */
    public enum Outcome {
        /** It returned normally. */
        SUCCEEDED,
        /** It threw; {@link ActionReport#failure()} holds what. */
        FAILED,
        /**
         * It ran past its timeout or the exit's deadline, or was still running when the process
         * was halted; its thread was interrupted and {@link ActionReport#stack()} holds where it was.
         */
        TIMED_OUT,
        /** It never started: the deadline passed, or the process was halted, before its turn. */
        SKIPPED
    }

    /**
     * The outcome of one action.
     *
     * @param name the action's name
     * @param phase the action's phase
     * @param outcome what became of it
     * @param start when it started, measured from the start of the exit; zero if it never started
     * @param duration how long it ran, until it returned or was given up on; zero if it never started
     * @param failure what it threw, for {@link Outcome#FAILED}
     * @param stack where its thread was when its time ran out, for {@link Outcome#TIMED_OUT}
     * @param detail a sentence for people when the outcome needs one (which limit was hit, why it
     *     was skipped); empty otherwise
     * @param facts what the action added to its row with {@link dev.exitguard.api.ExitContext#fact},
     *     in the order first added: each value a {@link Long} or a {@link String}; empty if none
     */
    public record ActionReport(String name, int phase, Outcome outcome, Duration start, Duration duration,
            Optional<Throwable> failure, Optional<String> stack, String detail, Map<String, Object> facts) {

        /**
         * Checks that nothing is null, and copies the facts.
         *
         * @param name the action's name
         * @param phase the action's phase
         * @param outcome what became of it
         * @param start when it started, from the start of the exit
         * @param duration how long it ran
         * @param failure what it threw, for {@link Outcome#FAILED}
         * @param stack where its thread was, for {@link Outcome#TIMED_OUT}
         * @param detail a sentence for people, or empty
         * @param facts what the action added to its row: names not blank, values whole numbers or strings
         * @throws IllegalArgumentException if a fact's name is blank or its value neither a whole
         *     number nor a string
         */
        public ActionReport {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(stack, "stack");
            Objects.requireNonNull(detail, "detail");
            facts = Facts.copyOf(facts);
        }

        /**
         * A row without facts.
         *
         * @param name the action's name
         * @param phase the action's phase
         * @param outcome what became of it
         * @param start when it started, from the start of the exit
         * @param duration how long it ran
         * @param failure what it threw, for {@link Outcome#FAILED}
         * @param stack where its thread was, for {@link Outcome#TIMED_OUT}
         * @param detail a sentence for people, or empty
         */
        public ActionReport(String name, int phase, Outcome outcome, Duration start, Duration duration,
                Optional<Throwable> failure, Optional<String> stack, String detail) {
            this(name, phase, outcome, start, duration, failure, stack, detail, Map.of());
        }

        /**
         * The fact called {@code name} if it is a number.
         *
         * @param name the fact's name
         * @return {@code facts().get(name)} as a long; empty if there is no such fact or it is text
         */
        public OptionalLong number(String name) {
            Object value = facts.get(Objects.requireNonNull(name, "name"));
            return value instanceof Long ? OptionalLong.of((Long) value) : OptionalLong.empty();
        }

        /**
         * The failure as one line ({@code "java.io.IOException: disk full"}), if the action failed.
         * The exception's own {@code toString()} and {@code getMessage()} are not trusted: when they
         * throw, the line names its class and says so, and this method still returns.
         *
         * @return the failure's {@code toString()} (or that description), or empty if the action did not fail
         */
        public Optional<String> error() {
            return failure.map(Failures::describe);
        }

        /**
         * The phase's readable name, e.g. {@code "RELEASE"}.
         *
         * @return the phase's name, as {@link ExitPhase#nameOf(int)} gives it
         */
        public String phaseName() {
            return ExitPhase.nameOf(phase);
        }
    }

    /**
     * Copies the list and checks that nothing is null.
     *
     * @param reason why the exit happened
     * @param startedAt when the exit began
     * @param duration how long the actions took
     * @param deadline the time the whole exit was given
     * @param actions every action the exit knew of, in report order
     */
    public ExitReport {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(deadline, "deadline");
        actions = List.copyOf(actions);
    }

    /**
     * The report of the action with this name, if the exit knew of one.
     *
     * @param name an action's name
     * @return that action's report, or empty if the exit knew of no such action
     */
    public Optional<ActionReport> action(String name) {
        Objects.requireNonNull(name, "name");
        return actions.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /**
     * The outcome of the action with this name, if the exit knew of one.
     *
     * @param name an action's name
     * @return that action's outcome, or empty if the exit knew of no such action
     */
    public Optional<Outcome> outcome(String name) {
        return action(name).map(ActionReport::outcome);
    }

    /**
     * Whether every action succeeded.
     *
     * @return true if every action's outcome is {@link Outcome#SUCCEEDED} (also when there is none)
     */
    public boolean allSucceeded() {
        return actions.stream().allMatch(a -> a.outcome() == Outcome.SUCCEEDED);
    }

    /**
     * How many actions ended with {@code outcome}.
     *
     * @param outcome the outcome to count
     * @return the number of actions with that outcome
     */
    public long count(Outcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        return actions.stream().filter(a -> a.outcome() == outcome).count();
    }

    /**
     * This report as JSON, in the format of the {@code exitguard.report} file.
     *
     * @return the report as one JSON object
     */
    public String toJson() {
        return ReportJson.write(this);
    }

    /**
     * This report as a table for people, as it is logged.
     *
     * @return the report as lines of text
     */
    public String toTable() {
        return ReportTable.write(this);
    }

    /** The same as {@link #toTable()}. */
    @Override
    public String toString() {
        return toTable();
    }
}
