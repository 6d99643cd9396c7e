package dev.exitguard.demo;

import dev.exitguard.core.ExitReport;
import java.io.PrintStream;
import java.nio.file.Path;

/** What the exit found, printed after the exit report: the one line that says whether orders were lost. */
final class DemoSummary {

    private final Path journal;
    private final PrintStream out;
    private volatile String counts;
    private volatile boolean clean;

    DemoSummary(Path journal, PrintStream out) {
        this.journal = journal;
        this.out = out;
    }

    void record(long acknowledged, long journaled, long lost, long refused) {
        clean = lost == 0;
        counts = "orders: " + acknowledged + " acknowledged, " + journaled + " in the journal, " + lost + " lost ("
                + refused + " refused while stopping; journal " + journal + ")";
    }

    /** Prints the report as a table, then the counts. */
    void print(ExitReport report) {
        clean = clean && report.allSucceeded();
        out.println();
        out.println(report.toTable());
        out.println(counts != null ? counts : "orders: not counted (the final-counts action did not finish)");
        out.flush();
    }

    /** Whether every exit action succeeded and no acknowledged order was lost; known once printed. */
    boolean clean() {
        return clean;
    }
}
