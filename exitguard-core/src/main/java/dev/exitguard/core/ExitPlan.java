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
import java.util.TreeSet;

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
        StringBuilder out = new StringBuilder("exit plan: ").append(actions.size())
                .append(actions.size() == 1 ? " action" : " actions");
        long phases = actions.stream().mapToInt(Step::phase).distinct().count();
        out.append(" in ").append(phases).append(phases == 1 ? " phase" : " phases")
                .append("; deadline ").append(Durations.format(deadline))
                .append(", halt grace ").append(Durations.format(haltGrace))
                .append(", action timeout ").append(actionTimeout.map(Durations::format).orElse("none (the deadline bounds each)"));
        if (!phaseTimeouts.isEmpty()) {
            out.append("\nphase budgets:");
            phaseTimeouts.forEach((phase, budget) -> out.append(' ').append(ExitPhase.nameOf(phase)).append(' ')
                    .append(Durations.format(budget)));
        }
        out.append(installed ? "\ntriggers (armed):" : "\ntriggers (not installed, so none is armed):");
        if (triggers.isEmpty()) {
            out.append(" none");
        }
        for (Trigger trigger : triggers) {
            out.append("\n  ").append(trigger.name());
            if (!trigger.description().equals(trigger.name())) {
                out.append(": ").append(trigger.description());
            }
        }
        Integer current = null;
        for (Step step : actions) {
            if (current == null || current != step.phase()) {
                current = step.phase();
                out.append("\nphase ").append(step.phaseName()).append(" (").append(step.phase()).append(')');
                Duration budget = phaseTimeouts.get(step.phase());
                if (budget != null) {
                    out.append(", budget ").append(Durations.format(budget));
                }
            }
            out.append("\n  ").append(step.name());
            if (!step.after().isEmpty()) {
                out.append("  after ").append(new TreeSet<>(step.after()));
            }
            step.timeout().ifPresent(t -> out.append("  timeout ").append(Durations.format(t)));
            out.append("  from ").append(step.source());
        }
        if (!warnings.isEmpty()) {
            out.append("\nwarnings:");
            warnings.forEach(w -> out.append("\n  - ").append(w));
        }
        return out.toString();
    }

    /**
     * The plan as JSON.
     *
     * @return the plan as one JSON object
     */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"deadlineMillis\": ").append(Durations.millis(deadline)).append(",\n");
        out.append("  \"haltGraceMillis\": ").append(Durations.millis(haltGrace)).append(",\n");
        out.append("  \"actionTimeoutMillis\": ").append(actionTimeout.map(Durations::millis).orElse("null")).append(",\n");
        out.append("  \"phaseTimeouts\": [");
        int budgets = 0;
        for (Map.Entry<Integer, Duration> budget : phaseTimeouts.entrySet()) {
            out.append(budgets++ == 0 ? "" : ", ").append("{\"phase\": ").append(budget.getKey())
                    .append(", \"phaseName\": ").append(Json.quote(ExitPhase.nameOf(budget.getKey())))
                    .append(", \"timeoutMillis\": ").append(Durations.millis(budget.getValue())).append('}');
        }
        out.append("],\n");
        out.append("  \"installed\": ").append(installed).append(",\n");
        out.append("  \"triggers\": [");
        for (int i = 0; i < triggers.size(); i++) {
            Trigger trigger = triggers.get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ").append(Json.quote(trigger.name()))
                    .append(", \"description\": ").append(Json.quote(trigger.description())).append('}');
        }
        out.append(triggers.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"actions\": [");
        for (int i = 0; i < actions.size(); i++) {
            Step step = actions.get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ").append(Json.quote(step.name()))
                    .append(", \"phase\": ").append(step.phase())
                    .append(", \"phaseName\": ").append(Json.quote(step.phaseName()))
                    .append(", \"after\": [");
            int j = 0;
            for (String target : new TreeSet<>(step.after())) {
                out.append(j++ == 0 ? "" : ", ").append(Json.quote(target));
            }
            out.append("], \"timeoutMillis\": ").append(step.timeout().map(Durations::millis).orElse("null"))
                    .append(", \"source\": ").append(Json.quote(step.source())).append('}');
        }
        out.append(actions.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"warnings\": [");
        for (int i = 0; i < warnings.size(); i++) {
            out.append(i == 0 ? "\n    " : ",\n    ").append(Json.quote(warnings.get(i)));
        }
        out.append(warnings.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return out.toString();
    }

    /** The same as {@link #toText()}. */
    @Override
    public String toString() {
        return toText();
    }
}
