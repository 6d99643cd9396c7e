package dev.exitguard.tests.modlog;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Logs in two phases of its exit (one action slow) and from its report listener, then ends with
 * {@code System.exit(4)}: the path where Log4j's own hook would race the actions. Its lines are
 * those of {@code LoggingApp}.
 */
public final class ModuleLoggingApp {

    private static final Logger LOG = LogManager.getLogger("app");

    private ModuleLoggingApp() {
    }

    public static void main(String[] args) {
        LOG.info("app started");
        ExitGuard.builder()
                .action(ExitActions.named("slow").run(context -> {
                    Thread.sleep(400);
                    lines("slow");
                }))
                .action(ExitActions.named("telemetry").phase(ExitPhase.TELEMETRY).run(context -> lines("telemetry")))
                .onReport(report -> LOG.info("final line: the exit is over"))
                .install();
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        System.exit(4);
    }

    private static void lines(String action) {
        for (int i = 1; i <= 40; i++) {
            LOG.info("action " + action + " line " + i);
        }
    }
}
