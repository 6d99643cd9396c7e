package dev.exitguard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's output: one section per workload, rows of figures, and the targets, met or missed. */
final class Report {

    /** A target's state. */
    enum Verdict { MET, MISSED, WAITING }

    /**
     * One peer's figures in a workload.
     *
     * @param peer who ran it, and how
     * @param order whether the workload's order was kept, or why it could not be
     * @param stats the figures, in the section's unit; null when there are none
     * @param extra anything else worth a column (threads), or empty
     */
    record Row(String peer, String order, Stats stats, String extra) {
    }

    /** A target and whether it was met, with the figures that decide it. */
    record Target(String text, Verdict verdict, String because) {
    }

    /** One workload. */
    static final class Section {
        final String title;
        final String unit;
        final double limit;
        final String limitText;
        final List<Row> rows = new ArrayList<>();
        final List<Target> targets = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        String extraHeader = "";

        /**
         * @param limit the limit in {@code unit}, for the ratio column; NaN where a ratio to it means nothing
         */
        Section(String title, String unit, double limit, String limitText) {
            this.title = title;
            this.unit = unit;
            this.limit = limit;
            this.limitText = limitText;
        }

        Row row(String peer, String order, Stats stats, String extra) {
            Row row = new Row(peer, order, stats, extra);
            rows.add(row);
            return row;
        }

        Stats statsOf(String peer) {
            return rows.stream().filter(r -> r.peer().equals(peer) && r.stats() != null).map(Row::stats).findFirst().orElse(null);
        }
    }

    private final List<String> header = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void add(Section section) {
        sections.add(section);
    }

    List<Section> sections() {
        return sections;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        for (Section section : sections) {
            out.append('\n').append(section.title).append('\n');
            out.append("   limit: ").append(section.limitText).append('\n');
            Stats reference = section.rows.isEmpty() ? null : section.rows.get(0).stats();
            out.append(String.format(Locale.ROOT, "   %-44s %-30s %10s %10s %10s %8s %11s  %s%n", "peer", "order",
                    "median", "min", "max", "x limit", "x exitguard", section.extraHeader));
            out.append(String.format(Locale.ROOT, "   %-44s %-30s %10s %10s %10s %8s %11s%n", "", "",
                    "(" + section.unit + ")", "", "", "", ""));
            for (Row row : section.rows) {
                Stats s = row.stats();
                if (s == null) {
                    out.append(String.format(Locale.ROOT, "   %-44s %-30s %10s %10s %10s %8s %11s  %s%n", row.peer(), row.order(),
                            "-", "-", "-", "-", "-", row.extra()));
                    continue;
                }
                String ratio = Double.isNaN(section.limit) || section.limit == 0 ? "-" : ratio(s.median() / section.limit);
                String versus = reference == null || reference.median() == 0 ? "-" : ratio(s.median() / reference.median());
                out.append(String.format(Locale.ROOT, "   %-44s %-30s %10s %10s %10s %8s %11s  %s%n", row.peer(), row.order(),
                        number(s.median()), number(s.min()), number(s.max()), ratio, versus, row.extra()));
            }
            for (String note : section.notes) {
                out.append("   note: ").append(note).append('\n');
            }
            for (Target target : section.targets) {
                out.append("   target: ").append(target.text()).append(" -> ").append(target.verdict())
                        .append(" (").append(target.because()).append(")\n");
            }
        }
        out.append("\nTargets\n");
        for (Section section : sections) {
            for (Target target : section.targets) {
                out.append(String.format(Locale.ROOT, "   %-8s %s: %s (%s)%n", target.verdict(),
                        section.title.substring(0, section.title.indexOf('.')), target.text(), target.because()));
            }
        }
        return out.toString();
    }

    static String number(double value) {
        if (Double.isInfinite(value)) {
            return "never";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
