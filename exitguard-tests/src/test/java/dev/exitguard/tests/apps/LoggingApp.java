package dev.exitguard.tests.apps;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;
import dev.exitguard.tests.apps.logging.AppLog;
import java.util.List;

/**
 * A guarded app whose exit actions log, in three phases, through a real logging backend, and whose
 * {@code onReport} listener logs a final line: what must all be in the log file once the process
 * is gone. By system property:
 * <ul>
 *   <li>{@code app.log}: the API it logs through, {@code log4j}, {@code slf4j} or {@code jul}
 *       (the backend and its configuration come from the class path and the JVM's flags)
 *   <li>{@code app.then}: after the ready line, {@code wait} (the default, for a signal),
 *       {@code guardExit:N}, {@code exit:N} ({@code System.exit} from {@code main}),
 *       {@code exitThread:N} ({@code System.exit} from another thread), {@code return} (main
 *       returns), or {@code throw} (an exception ends {@code main})
 *   <li>{@code app.exitInAction=N}: one more action, {@code exiter}, which logs its lines and then
 *       calls {@code System.exit(N)}
 *   <li>{@code app.install=false}: exitguard is never installed; the app logs its lines and ends
 *       as {@code app.then} says
 * </ul>
 * Every action records {@code start <name>} and {@code end <name>} in the events file too, so the
 * test knows it ran whatever the log says.
 */
public final class LoggingApp {

    /** Lines each action logs: enough to fill a buffer and keep an asynchronous queue busy. */
    public static final int LINES = 40;

    /** How long the slow action sleeps before it logs: long past the moment a backend's own hook stops it. */
    public static final long SLOW_MILLIS = 400;

    /** The actions, by phase; {@code slow} sleeps first. */
    public static final List<String> ACTIONS = List.of("drain-a", "drain-b", "slow", "quick", "telemetry");

    public static final String STARTED = "app started";
    public static final String FINAL = "final line: the exit is over";

    private LoggingApp() {
    }

    /** The {@code i}-th line action {@code name} logs, from 1. */
    public static String line(String name, int i) {
        return "action " + name + " line " + i;
    }

    public static void main(String[] args) throws Exception {
        AppLog log = AppLog.named(System.getProperty("app.log", "jul"));
        log.info(STARTED);
        String then = System.getProperty("app.then", "wait");
        if (!"false".equals(System.getProperty("app.install"))) {
            ExitGuard.Builder builder = ExitGuard.builder()
                    .action(logging(log, "drain-a", ExitPhase.DRAIN, 0))
                    .action(logging(log, "drain-b", ExitPhase.DRAIN, 0))
                    .action(logging(log, "slow", ExitPhase.DEFAULT, SLOW_MILLIS))
                    .action(logging(log, "quick", ExitPhase.DEFAULT, 0))
                    .action(logging(log, "telemetry", ExitPhase.TELEMETRY, 0))
                    .onReport(report -> log.info(FINAL));
            String exitInAction = System.getProperty("app.exitInAction");
            if (exitInAction != null) {
                int status = Integer.parseInt(exitInAction);
                builder.action(ExitActions.named("exiter").run(context -> {
                    record("start exiter");
                    logLines(log, "exiter");
                    record("end exiter");
                    System.exit(status);
                }));
            }
            ExitGuard guard = builder.install();
            if (then.startsWith("guardExit:")) {
                InChild.ready();
                guard.exit(Integer.parseInt(then.substring("guardExit:".length())));
                return;
            }
        }
        InChild.ready();
        if (then.startsWith("exit:")) {
            System.exit(Integer.parseInt(then.substring("exit:".length())));
        } else if (then.startsWith("exitThread:")) {
            int status = Integer.parseInt(then.substring("exitThread:".length()));
            new Thread(() -> System.exit(status), "app-exiter").start();
            InChild.waitForever();
        } else if (then.equals("throw")) {
            throw new IllegalStateException("app.then=throw: main ends with an uncaught exception");
        } else if (!then.equals("return")) {
            InChild.waitForever();
        }
    }

    private static ExitAction logging(AppLog log, String name, int phase, long sleepMillis) {
        return ExitActions.named(name).phase(phase).run(context -> {
            record("start " + name);
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            logLines(log, name);
            record("end " + name);
        });
    }

    private static void logLines(AppLog log, String name) {
        for (int i = 1; i <= LINES; i++) {
            log.info(line(name, i));
        }
    }
}
