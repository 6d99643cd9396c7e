package dev.exitguard.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** The JFR event of one whole exit: from the request to the report. See {@link ExitEvents}. */
@Name("dev.exitguard.Exit")
@Label("Exit")
@Category("exitguard")
@Description("One exit run by exitguard, from the exit request until its report was made")
@StackTrace(false)
final class ExitEvent extends Event {

    @Label("Reason")
    @Description("SIGNAL, PROGRAMMATIC or JVM_SHUTDOWN")
    String reason;

    @Label("Detail")
    @Description("The signal's name, the call, or what shut the JVM down")
    String detail;

    @Label("Exit Code")
    @Description("The status the process exits with; -1 when the JVM's own shutdown hides it (System.exit)")
    int exitCode;

    @Label("Actions")
    int actions;

    @Label("Succeeded")
    int succeeded;

    @Label("Failed")
    int failed;

    @Label("Timed Out")
    int timedOut;

    @Label("Skipped")
    int skipped;

    @Label("Deadline")
    @Timespan(Timespan.NANOSECONDS)
    long deadline;
}
