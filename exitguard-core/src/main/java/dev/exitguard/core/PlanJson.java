package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitPlan.Step;
import dev.exitguard.core.ExitPlan.Trigger;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/** Writes an {@link ExitPlan} as one JSON object. */
final class PlanJson {

    private PlanJson() {
    }

    static String write(ExitPlan plan) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"deadlineMillis\": ").append(Durations.millis(plan.deadline())).append(",\n");
        out.append("  \"haltGraceMillis\": ").append(Durations.millis(plan.haltGrace())).append(",\n");
        out.append("  \"actionTimeoutMillis\": ").append(plan.actionTimeout().map(Durations::millis).orElse("null")).append(",\n");
        out.append("  \"phaseTimeouts\": [");
        int budgets = 0;
        for (Map.Entry<Integer, Duration> budget : plan.phaseTimeouts().entrySet()) {
            out.append(budgets++ == 0 ? "" : ", ").append("{\"phase\": ").append(budget.getKey())
                    .append(", \"phaseName\": ").append(Json.quote(ExitPhase.nameOf(budget.getKey())))
                    .append(", \"timeoutMillis\": ").append(Durations.millis(budget.getValue())).append('}');
        }
        out.append("],\n");
        out.append("  \"installed\": ").append(plan.installed()).append(",\n");
        out.append("  \"triggers\": [");
        for (int i = 0; i < plan.triggers().size(); i++) {
            Trigger trigger = plan.triggers().get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ").append(Json.quote(trigger.name()))
                    .append(", \"description\": ").append(Json.quote(trigger.description())).append('}');
        }
        out.append(plan.triggers().isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"actions\": [");
        for (int i = 0; i < plan.actions().size(); i++) {
            Step step = plan.actions().get(i);
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
        out.append(plan.actions().isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"warnings\": [");
        for (int i = 0; i < plan.warnings().size(); i++) {
            out.append(i == 0 ? "\n    " : ",\n    ").append(Json.quote(plan.warnings().get(i)));
        }
        out.append(plan.warnings().isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return out.toString();
    }
}
