package dev.exitguard.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event of one exit action: from the moment a worker began running it until it settled
 * (returned, failed, or was cut off); no length for one that was skipped. See {@link ExitEvents}.
 */
@Name("dev.exitguard.ExitAction")
@Label("Exit Action")
@Category("exitguard")
@Description("One action of an exit run by exitguard, and what became of it")
@StackTrace(false)
final class ExitActionEvent extends Event {

    @Label("Name")
    String name;

    @Label("Phase")
    int phase;

    @Label("Phase Name")
    String phaseName;

    @Label("Outcome")
    @Description("SUCCEEDED, FAILED, TIMED_OUT or SKIPPED")
    String outcome;

    @Label("Action Thread")
    @Description("The thread that ran the action; none if it never started")
    Thread thread;

    @Label("Detail")
    @Description("The error of a failed action, or why it timed out or was skipped")
    String detail;
}
