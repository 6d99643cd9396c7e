package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a guard will do at exit, before it happens: the actions phase by phase with where each
 * came from, their {@code after()} edges and timeouts, the deadline, the triggers, and the
 * warnings of validation. Immutable; a snapshot of the moment {@link ExitGuard#plan()} was called.
 *
 * <p>Logged at install when {@code exitguard.plan=true}; printed for any application's class path
 * by {@link PrintExitPlan}.
 *
 * @param deadline the time the whole exit gets
 * @param haltGrace the time the JVM's own shutdown gets after the deadline before a halt
 * @param actionTimeout the timeout of actions that name none; empty means only the deadline bounds them
 * @param installed whether the guard is installed (its triggers armed, its shutdown hook added)
 * @param triggers the triggers that start an exit, including the JVM shutdown hook when installed
 * @param actions every action, in the order the exit lists them: by phase, then as {@code after()}
 *     allows, then by name
 * @param warnings what validation and discovery found worth fixing
 * @param phaseTimeouts the budget of each phase that has one, by phase, in run order
 * @since 0.1
 */
public record ExitPlan(Duration deadline, Duration haltGrace, Optional<Duration> actionTimeout, boolean installed,
        List<Trigger> triggers, List<Step> actions, List<String> warnings, Map<Integer, Duration> phaseTimeouts) {

    /**
     * One action of the plan.
     *
     * @param name its name
     * @param phase its phase
     * @param after the names it waits for (present or not)
     * @param timeout its own timeout; empty means the guard's default
     * @param source where it came from: a ServiceLoader provider and its jar or module, a builder
     *     call, a registration, a Guice binding
     */
    public record Step(String name, int phase, Set<String> after, Optional<Duration> timeout, String source) {

        /**
         * Copies and checks the components.
         *
         * @param name its name
         * @param phase its phase
         * @param after the names it waits for
         * @param timeout its own timeout, or empty
         * @param source where it came from
         */
        public Step {
            Objects.requireNonNull(name, "name");
            after = Set.copyOf(after);
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(source, "source");
        }

        /**
         * The phase's readable name, e.g. {@code "DRAIN"}.
         *
         * @return the phase's name, as {@link ExitPhase#nameOf(int)} gives it
         */
        public String phaseName() {
            return ExitPhase.nameOf(phase);
        }
    }

    /**
     * One source of exit requests.
     *
     * @param name its name
     * @param description what it listens to
     */
    public record Trigger(String name, String description) {

        /**
         * Checks the components.
         *
         * @param name its name
         * @param description what it listens to
         */
        public Trigger {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    /**
     * Copies and checks the components.
     *
     * @param deadline the time the whole exit gets
     * @param haltGrace the time the JVM's own shutdown gets after the deadline
     * @param actionTimeout the timeout of actions that name none, or empty
     * @param installed whether the guard is installed
     * @param triggers the triggers that start an exit
     * @param actions every action, in exit order
     * @param warnings what validation and discovery found worth fixing
     * @param phaseTimeouts the budget of each phase that has one
     */
    public ExitPlan {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(haltGrace, "haltGrace");
        Objects.requireNonNull(actionTimeout, "actionTimeout");
        triggers = List.copyOf(triggers);
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
        phaseTimeouts = Collections.unmodifiableMap(new TreeMap<>(phaseTimeouts));
    }

    /**
     * A plan without phase budgets.
     *
     * @param deadline the time the whole exit gets
     * @param haltGrace the time the JVM's own shutdown gets after the deadline
     * @param actionTimeout the timeout of actions that name none, or empty
     * @param installed whether the guard is installed
     * @param triggers the triggers that start an exit
     * @param actions every action, in exit order
     * @param warnings what validation and discovery found worth fixing
     */
    public ExitPlan(Duration deadline, Duration haltGrace, Optional<Duration> actionTimeout, boolean installed,
            List<Trigger> triggers, List<Step> actions, List<String> warnings) {
        this(deadline, haltGrace, actionTimeout, installed, triggers, actions, warnings, Map.of());
    }

    /**
     * The plan for people, as {@code exitguard.plan=true} logs it.
     *
     * @return the plan as lines of text
     */
    public String toText() {
        return PlanText.write(this);
    }

    /**
     * The plan as JSON.
     *
     * @return the plan as one JSON object
     */
    public String toJson() {
        return PlanJson.write(this);
    }

    /** The same as {@link #toText()}. */
    @Override
    public String toString() {
        return toText();
    }
}
