package dev.exitguard.core;

import dev.exitguard.core.ExitReport.ActionReport;
import java.util.Map;

/** Writes an {@link ExitReport} as the JSON of the {@code exitguard.report} file. */
final class ReportJson {

    private ReportJson() {
    }

    static String write(ExitReport report) {
        StringBuilder out = new StringBuilder(256 + 160 * report.actions().size());
        out.append("{\n  \"reason\": {\"kind\": ").append(Json.quote(report.reason().kind().name()))
                .append(", \"detail\": ").append(Json.quote(report.reason().detail()))
                .append(", \"exitCode\": ")
                .append(report.reason().exitCode().isPresent()
                        ? Integer.toString(report.reason().exitCode().getAsInt()) : "null")
                .append("},\n");
        out.append("  \"startedAt\": ").append(Json.quote(report.startedAt().toString())).append(",\n");
        out.append("  \"durationMillis\": ").append(Durations.millis(report.duration())).append(",\n");
        out.append("  \"deadlineMillis\": ").append(Durations.millis(report.deadline())).append(",\n");
        out.append("  \"counts\": {");
        ExitReport.Outcome[] outcomes = ExitReport.Outcome.values();
        for (int i = 0; i < outcomes.length; i++) {
            out.append(i == 0 ? "" : ", ").append(Json.quote(outcomes[i].name())).append(": ")
                    .append(report.count(outcomes[i]));
        }
        out.append("},\n  \"actions\": [");
        for (int i = 0; i < report.actions().size(); i++) {
            out.append(i == 0 ? "\n    " : ",\n    ");
            action(out, report.actions().get(i));
        }
        out.append(report.actions().isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return out.toString();
    }

    private static void action(StringBuilder out, ActionReport action) {
        out.append("{\"name\": ").append(Json.quote(action.name()))
                .append(", \"phase\": ").append(action.phase())
                .append(", \"phaseName\": ").append(Json.quote(action.phaseName()))
                .append(", \"outcome\": ").append(Json.quote(action.outcome().name()));
        if (action.outcome() != ExitReport.Outcome.SKIPPED) {
            out.append(", \"startMillis\": ").append(Durations.millis(action.start()));
        }
        out.append(", \"durationMillis\": ").append(Durations.millis(action.duration()));
        if (action.error().isPresent()) {
            out.append(", \"error\": ").append(Json.quote(action.error().get()));
        }
        if (action.stack().isPresent()) {
            out.append(", \"stack\": ").append(Json.quote(action.stack().get()));
        }
        if (!action.detail().isEmpty()) {
            out.append(", \"detail\": ").append(Json.quote(action.detail()));
        }
        if (!action.facts().isEmpty()) {
            out.append(", \"facts\": {");
            String separator = "";
            for (Map.Entry<String, Object> fact : action.facts().entrySet()) {
                out.append(separator).append(Json.quote(fact.getKey())).append(": ");
                Object value = fact.getValue();
                // Numbers stay numbers, so that a reader can compare them without parsing text.
                out.append(value instanceof Long ? value.toString() : Json.quote((String) value));
                separator = ", ";
            }
            out.append('}');
        }
        out.append('}');
    }
}
