package dev.exitguard.demo;

import dev.exitguard.core.ExitReport;
import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the exit found, printed after the exit report: the one line that says whether orders were
 * lost. It is logged too, last, to the demo's log (Logback, which exitguard stops after the report).
 */
final class DemoSummary {

    /** Not static: Main asks {@link #logFile} where the log goes before Logback may start. */
    private final Logger log = LoggerFactory.getLogger(DemoSummary.class);

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
                + refused + " refused while stopping; journal " + journal + "; log " + logFile(journal) + ")";
    }

    /** The demo's log file, beside its journal. */
    static Path logFile(Path journal) {
        return journal.resolveSibling("exitguard-demo.log");
    }

    /** Prints the report as a table, then the counts. */
    void print(ExitReport report) {
        clean = clean && report.allSucceeded();
        out.println();
        out.println(report.toTable());
        String line = counts != null ? counts : "orders: not counted (the final-counts action did not finish)";
        out.println(line);
        out.flush();
        log.info(line);
    }

    /** Whether every exit action succeeded and no acknowledged order was lost; known once printed. */
    boolean clean() {
        return clean;
    }
}
