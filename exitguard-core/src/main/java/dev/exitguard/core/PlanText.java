package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitPlan.Step;
import dev.exitguard.core.ExitPlan.Trigger;
import java.time.Duration;
import java.util.TreeSet;

/** Writes an {@link ExitPlan} as the text that {@code exitguard.plan=true} logs, for people. */
final class PlanText {

    private PlanText() {
    }

    static String write(ExitPlan plan) {
        StringBuilder out = new StringBuilder("exit plan: ").append(plan.actions().size())
                .append(plan.actions().size() == 1 ? " action" : " actions");
        long phases = plan.actions().stream().mapToInt(Step::phase).distinct().count();
        out.append(" in ").append(phases).append(phases == 1 ? " phase" : " phases")
                .append("; deadline ").append(Durations.format(plan.deadline()))
                .append(", halt grace ").append(Durations.format(plan.haltGrace()))
                .append(", action timeout ").append(plan.actionTimeout().map(Durations::format).orElse("none (the deadline bounds each)"));
        if (!plan.phaseTimeouts().isEmpty()) {
            out.append("\nphase budgets:");
            plan.phaseTimeouts().forEach((phase, budget) -> out.append(' ').append(ExitPhase.nameOf(phase)).append(' ')
                    .append(Durations.format(budget)));
        }
        out.append(plan.installed() ? "\ntriggers (armed):" : "\ntriggers (not installed, so none is armed):");
        if (plan.triggers().isEmpty()) {
            out.append(" none");
        }
        for (Trigger trigger : plan.triggers()) {
            out.append("\n  ").append(trigger.name());
            if (!trigger.description().equals(trigger.name())) {
                out.append(": ").append(trigger.description());
            }
        }
        Integer current = null;
        for (Step step : plan.actions()) {
            if (current == null || current != step.phase()) {
                current = step.phase();
                out.append("\nphase ").append(step.phaseName()).append(" (").append(step.phase()).append(')');
                Duration budget = plan.phaseTimeouts().get(step.phase());
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
        if (!plan.warnings().isEmpty()) {
            out.append("\nwarnings:");
            plan.warnings().forEach(w -> out.append("\n  - ").append(w));
        }
        return out.toString();
    }
}
