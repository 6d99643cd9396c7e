package dev.exitguard.core;

import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.util.List;
import java.util.Map;

/** Writes an {@link ExitReport} as the table that is logged and printed for people. */
final class ReportTable {

    private ReportTable() {
    }

    static String write(ExitReport report) {
        StringBuilder out = new StringBuilder(256 + 100 * report.actions().size());
        out.append("exit (").append(report.reason()).append(") took ")
                .append(Durations.millis(report.duration())).append(" ms of its ")
                .append(Durations.format(report.deadline())).append(" deadline; ")
                .append(report.actions().size()).append(report.actions().size() == 1 ? " action" : " actions");
        String separator = ": ";
        for (Outcome outcome : Outcome.values()) {
            long count = report.count(outcome);
            if (count > 0) {
                out.append(separator).append(count).append(' ').append(outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                separator = ", ";
            }
        }
        List<ActionReport> actions = report.actions();
        if (actions.isEmpty()) {
            return out.toString();
        }
        int nameWidth = "action".length();
        int phaseWidth = "phase".length();
        for (ActionReport action : actions) {
            nameWidth = Math.max(nameWidth, Math.min(60, action.name().length()));
            phaseWidth = Math.max(phaseWidth, action.phaseName().length());
        }
        row(out, phaseWidth, nameWidth, "phase", "action", "outcome", "start ms", "time ms", "");
        for (ActionReport action : actions) {
            boolean started = action.outcome() != Outcome.SKIPPED;
            String note = withFacts(action.error().orElse(action.detail()), action.facts());
            row(out, phaseWidth, nameWidth, action.phaseName(), action.name(), action.outcome().name(),
                    started ? Durations.millis(action.start()) : "-",
                    started ? Durations.millis(action.duration()) : "-", note);
        }
        for (ActionReport action : actions) {
            if (action.stack().isPresent()) {
                out.append("\n  [").append(action.name()).append("] was at:\n").append(action.stack().get());
            }
        }
        return out.toString();
    }

    /** The note, then the facts as {@code name=value}, so a row reads {@code inFlightAtStart=3 inFlightLeft=0}. */
    private static String withFacts(String note, Map<String, Object> facts) {
        if (facts.isEmpty()) {
            return note;
        }
        StringBuilder out = new StringBuilder(note);
        String separator = note.isEmpty() ? "" : "; ";
        for (Map.Entry<String, Object> fact : facts.entrySet()) {
            out.append(separator).append(fact.getKey()).append('=').append(fact.getValue());
            separator = " ";
        }
        return out.toString();
    }

    private static void row(StringBuilder out, int phaseWidth, int nameWidth, String phase, String name,
            String outcome, String start, String time, String note) {
        out.append("\n  ");
        pad(out, phase, phaseWidth);
        out.append("  ");
        pad(out, name, nameWidth);
        out.append("  ");
        pad(out, outcome, 9);
        out.append("  ");
        padLeft(out, start, 9);
        out.append("  ");
        padLeft(out, time, 9);
        if (!note.isEmpty()) {
            out.append("  ").append(note);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }

    private static void pad(StringBuilder out, String text, int width) {
        out.append(text);
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
    }

    private static void padLeft(StringBuilder out, String text, int width) {
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(text);
    }
}
