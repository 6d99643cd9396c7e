package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready-made actions for what everyone writes by hand, and a way to give a lambda a name, a phase,
 * an order and a timeout.
 *
 * <pre>{@code
 * ExitGuard.builder()
 *     .action(ExitActions.delay("pre-stop", Duration.ofSeconds(5)))            // STOP_INTAKE
 *     .action(ExitActions.drain(http))                                        // DRAIN: an InFlight
 *     .action(ExitActions.shutdown("request-pool", pool))                     // DRAIN
 *     .action(ExitActions.named("flush-journal").after("request-pool").run(ctx -> journal.flush()))
 *     .action(ExitActions.close("database", dataSource))                      // RELEASE
 *     .install();
 * }</pre>
 *
 * <p>The actions made here are immutable and thread-safe, and their {@code toString} says what
 * they do.
 *
 * @since 0.1
 */
public final class ExitActions {

    /** The fact of a drain's report row: units in flight when it began. */
    static final String IN_FLIGHT_AT_START = "inFlightAtStart";
    /** The fact of a drain's report row: units still in flight when it ended. */
    static final String IN_FLIGHT_LEFT = "inFlightLeft";

    private ExitActions() {
    }

    /**
     * Starts an action called {@code name}, in {@link ExitPhase#DEFAULT} unless told otherwise.
     *
     * @param name the action's name, unique within a guard
     * @return a builder of that action
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /**
     * Closes {@code closeable}, in {@link ExitPhase#RELEASE}.
     *
     * @param name the action's name, unique within a guard
     * @param closeable what to close
     * @return the action
     */
    public static ExitAction close(String name, AutoCloseable closeable) {
        return named(name).phase(ExitPhase.RELEASE).close(closeable);
    }

    /**
     * Shuts {@code executor} down gracefully, in {@link ExitPhase#DRAIN}: no new tasks, the running
     * ones get the time left, then what still runs is cancelled with {@code shutdownNow}.
     *
     * @param name the action's name, unique within a guard
     * @param executor the executor to shut down
     * @return the action
     */
    public static ExitAction shutdown(String name, ExecutorService executor) {
        return named(name).phase(ExitPhase.DRAIN).shutdown(executor);
    }

    /**
     * Drains {@code inFlight}, in {@link ExitPhase#DRAIN}, as an action named
     * {@code "drain-" + inFlight.name()}: its intake stops the moment the exit begins, before any
     * phase runs (new work is refused from then on, see {@link InFlight}); when the action starts
     * it waits until nothing is in flight or its time is up. It keeps back a tenth of its time (at
     * most a second), so that it ends by itself, not by its timeout. To keep serving during a
     * pre-stop pause, see {@link #drain(InFlight, InFlight.StopIntake)}.
     *
     * <p>Its report row carries two facts: {@code inFlightAtStart}, the units in flight when it
     * began, and {@code inFlightLeft}, those still in flight when it ended. It succeeds when none is
     * left; when some are, it fails with a {@link java.util.concurrent.TimeoutException} saying how
     * many, and the exit goes on (the work itself is never interrupted by exitguard).
     *
     * @param inFlight the tracker to drain
     * @return the action
     */
    public static ExitAction drain(InFlight inFlight) {
        return drain(inFlight, InFlight.StopIntake.WHEN_EXIT_BEGINS);
    }

    /**
     * Drains {@code inFlight} as {@link #drain(InFlight)} does, its intake stopped when {@code when}
     * says: {@link InFlight.StopIntake#WHEN_DRAIN_BEGINS} keeps taking and serving work until this
     * action starts, through a pre-stop pause in {@code STOP_INTAKE} ({@link #delay}) that lets a
     * load balancer notice the instance is going.
     *
     * @param inFlight the tracker to drain
     * @param when when its intake stops
     * @return the action
     * @since 0.1
     */
    public static ExitAction drain(InFlight inFlight, InFlight.StopIntake when) {
        Objects.requireNonNull(inFlight, "inFlight");
        return named("drain-" + inFlight.name()).phase(ExitPhase.DRAIN).drain(inFlight, when);
    }

    /**
     * Waits {@code delay}, in {@link ExitPhase#STOP_INTAKE}: the pre-stop pause that lets a load
     * balancer notice the instance is going before anything closes. It never waits past the time
     * the action has: when that is shorter, it ends a tenth of it (at most a second) early, and
     * succeeds rather than being cut off by its own timeout.
     *
     * @param name the action's name, unique within a guard
     * @param delay how long to wait; not negative
     * @return the action
     */
    public static ExitAction delay(String name, Duration delay) {
        return named(name).phase(ExitPhase.STOP_INTAKE).delay(delay);
    }

    /**
     * Describes an action before saying what it does. Each setter returns a new builder, so a
     * builder can be shared and reused.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String name;
        private final int phase;
        private final Set<String> after;
        private final Optional<Duration> timeout;

        private Builder(String name) {
            this(checkName(name), ExitPhase.DEFAULT, Set.of(), Optional.empty());
        }

        private Builder(String name, int phase, Set<String> after, Optional<Duration> timeout) {
            this.name = name;
            this.phase = phase;
            this.after = after;
            this.timeout = timeout;
        }

        /**
         * Runs in {@code phase} (see {@link ExitPhase}).
         *
         * @param phase the phase; any int
         * @return a builder like this one, in {@code phase}; this builder is unchanged
         */
        public Builder phase(int phase) {
            return new Builder(name, phase, after, timeout);
        }

        /**
         * Starts only when the actions named here have finished.
         *
         * @param names the names of the actions to wait for
         * @return a builder like this one, waiting for {@code names}; this builder is unchanged
         */
        public Builder after(String... names) {
            List<String> list = Arrays.asList(Objects.requireNonNull(names, "names"));
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null || list.get(i).isBlank()) {
                    throw new IllegalArgumentException("after() of [" + name + "]: name " + i + " is null or blank: " + list);
                }
            }
            return new Builder(name, phase, Set.copyOf(list), timeout);
        }

        /**
         * May run at most {@code timeout}; must be positive.
         *
         * @param timeout the longest the action may run; positive, at most a day
         * @return a builder like this one, with that timeout; this builder is unchanged
         */
        public Builder timeout(Duration timeout) {
            Durations.checkPositive("timeout of [" + name + "]", timeout);
            return new Builder(name, phase, after, Optional.of(timeout));
        }

        /**
         * An action that runs {@code body}.
         *
         * @param body what the action does
         * @return the action
         */
        public ExitAction run(ExitAction body) {
            Objects.requireNonNull(body, "body");
            return new DefinedAction(this, "runs " + body.getClass().getName(), body);
        }

        /**
         * An action that closes {@code closeable}.
         *
         * @param closeable what to close
         * @return the action
         */
        public ExitAction close(AutoCloseable closeable) {
            Objects.requireNonNull(closeable, "closeable");
            return new DefinedAction(this, "closes " + closeable, context -> closeable.close());
        }

        /**
         * An action that shuts {@code executor} down, as {@link ExitActions#shutdown} describes.
         *
         * @param executor the executor to shut down
         * @return the action
         */
        public ExitAction shutdown(ExecutorService executor) {
            Objects.requireNonNull(executor, "executor");
            return new DefinedAction(this, "shuts down " + executor, context -> shutDown(executor, context));
        }

        /**
         * An action that drains {@code inFlight}, as {@link ExitActions#drain(InFlight)} describes.
         *
         * @param inFlight the tracker to drain
         * @return the action, with this builder's name, phase, {@code after()} and timeout
         */
        public ExitAction drain(InFlight inFlight) {
            return drain(inFlight, InFlight.StopIntake.WHEN_EXIT_BEGINS);
        }

        /**
         * An action that drains {@code inFlight}, its intake stopped when {@code when} says, as
         * {@link ExitActions#drain(InFlight, InFlight.StopIntake)} describes.
         *
         * @param inFlight the tracker to drain
         * @param when when its intake stops
         * @return the action, with this builder's name, phase, {@code after()} and timeout
         * @since 0.1
         */
        public ExitAction drain(InFlight inFlight, InFlight.StopIntake when) {
            Objects.requireNonNull(inFlight, "inFlight");
            Objects.requireNonNull(when, "when");
            String action = name;
            boolean atExitBegin = when == InFlight.StopIntake.WHEN_EXIT_BEGINS;
            return new DefinedAction(this, "drains InFlight [" + inFlight.name() + "]"
                    + (atExitBegin ? "" : ", taking work until it starts"),
                    context -> ExitActions.drain(inFlight, action, context), atExitBegin ? inFlight : null);
        }

        /**
         * An action that waits {@code delay}, or a little less than the time it has if that is
         * shorter, as {@link ExitActions#delay} describes.
         *
         * @param delay how long to wait; not negative
         * @return the action
         */
        public ExitAction delay(Duration delay) {
            Durations.checkRange("delay of [" + name + "]", delay);
            return new DefinedAction(this, "waits " + Durations.format(delay), context -> {
                // Ends a tenth of its time early at most, so that a long pause cut short by the
                // action's timeout is a success, not a timeout.
                Duration left = context.remaining();
                long millis = Math.min(delay.toMillis(), left.minus(reserve(left)).toMillis());
                if (millis > 0) {
                    Thread.sleep(millis);
                }
            });
        }

        private static String checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("an exit action's name must not be blank: [" + name + "]");
            }
            return name;
        }
    }

    /**
     * Graceful first, then forceful: the running tasks get most of the time left, then
     * {@code shutdownNow} interrupts them and cancels the queue. A tenth of the time (at most a
     * second) is kept back for each of the two steps after the graceful wait, so the tasks can
     * answer the interrupt and, if they do not, this action reports them itself before its own time
     * is up.
     */
    private static void shutDown(ExecutorService executor, ExitContext context) throws InterruptedException {
        executor.shutdown();
        Duration total = context.remaining();
        Duration reserve = reserve(total);
        try {
            if (executor.awaitTermination(total.minus(reserve.multipliedBy(2)).toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } finally {
            if (!executor.isTerminated()) {
                List<Runnable> cancelled = executor.shutdownNow();
                if (!Thread.currentThread().isInterrupted() && !executor.awaitTermination(
                        context.remaining().minus(reserve).toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException(executor + " did not terminate in time; "
                            + cancelled.size() + " queued tasks were cancelled and running ones interrupted");
                }
            }
        }
    }

    /** Stops intake, then waits for what is in flight, noting both counts in the report row. */
    private static void drain(InFlight inFlight, String action, ExitContext context)
            throws InterruptedException, TimeoutException {
        long stopped = inFlight.stop("exit action [" + action + "]");
        // Already stopped (by hand, or by another drain): what is in flight now is what this one waits for.
        long atStart = stopped >= 0 ? stopped : inFlight.count();
        context.fact(IN_FLIGHT_AT_START, atStart);
        Duration time = context.remaining();
        Duration wait = time.minus(reserve(time));
        boolean empty = false;
        long left;
        try {
            empty = atStart == 0 || inFlight.awaitEmpty(wait);
        } finally {
            // Intake is stopped, so the count only falls: read now, it is what this drain leaves behind.
            left = empty ? 0 : inFlight.count();
            context.fact(IN_FLIGHT_LEFT, left);
        }
        if (left > 0) {
            throw new TimeoutException(left + " of " + atStart + " units of InFlight [" + inFlight.name()
                    + "] still in flight when the drain's time was up; they run on, not waited for");
        }
    }

    /** A tenth of the time left, at most a second: kept back so an action ends by itself, before its timeout. */
    private static Duration reserve(Duration left) {
        // In nanoseconds, not Duration.dividedBy, which goes through BigDecimal: classes an exit would load cold.
        return Duration.ofNanos(Math.min(left.toNanos() / 10, TimeUnit.SECONDS.toNanos(1)));
    }

    /** An action made by {@link Builder}: its SPI values, what it does, and how to say so. */
    private static final class DefinedAction implements ExitAction, ExitBeginning {
        private final String name;
        private final int phase;
        private final Set<String> after;
        private final Optional<Duration> timeout;
        private final String description;
        private final ExitAction body;
        /** A drain's tracker, whose intake stops when the exit begins; null for every other action. */
        private final InFlight stopsAtExitBegin;

        DefinedAction(Builder builder, String description, ExitAction body) {
            this(builder, description, body, null);
        }

        DefinedAction(Builder builder, String description, ExitAction body, InFlight stopsAtExitBegin) {
            this.name = builder.name;
            this.phase = builder.phase;
            this.after = builder.after;
            this.timeout = builder.timeout;
            this.description = description;
            this.body = body;
            this.stopsAtExitBegin = stopsAtExitBegin;
        }

        @Override
        public void run(ExitContext context) throws Exception {
            body.run(context);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int phase() {
            return phase;
        }

        @Override
        public Set<String> after() {
            return after;
        }

        @Override
        public Optional<Duration> timeout() {
            return timeout;
        }

        @Override
        public void exitBegan(ExitReason reason) {
            if (stopsAtExitBegin != null) {
                stopsAtExitBegin.stop("exit action [" + name + "] as the exit began (" + reason + ")");
            }
        }

        @Override
        public String toString() {
            return "[" + name + "] " + description;
        }
    }
}
