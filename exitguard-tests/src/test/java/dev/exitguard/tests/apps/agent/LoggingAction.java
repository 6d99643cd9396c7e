package dev.exitguard.tests.apps.agent;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.testkit.InChild;
import dev.exitguard.tests.apps.LoggingApp;
import dev.exitguard.tests.apps.logging.AppLog;

/**
 * The {@code ServiceLoader} actions of the agent's logging scenario ({@code providers/agent-logging}):
 * each logs {@link LoggingApp#LINES} lines through the app's logging API ({@code app.log}), as
 * {@link LoggingApp}'s do, in DRAIN, DEFAULT (late by {@link LoggingApp#SLOW_MILLIS}) and TELEMETRY.
 */
public abstract class LoggingAction implements ExitAction {

    /** The actions, by phase. */
    public static final java.util.List<String> NAMES = java.util.List.of("drain-a", "slow", "telemetry");

    private final String name;
    private final int phase;
    private final long sleepMillis;

    LoggingAction(String name, int phase, long sleepMillis) {
        this.name = name;
        this.phase = phase;
        this.sleepMillis = sleepMillis;
    }

    @Override
    public void run(ExitContext context) throws InterruptedException {
        record("start " + name);
        if (sleepMillis > 0) {
            Thread.sleep(sleepMillis);
        }
        AppLog log = AppLog.named(System.getProperty("app.log"));
        for (int i = 1; i <= LoggingApp.LINES; i++) {
            log.info(LoggingApp.line(name, i));
        }
        record("end " + name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int phase() {
        return phase;
    }

    /** [drain-a], in DRAIN. */
    public static final class Drain extends LoggingAction {
        public Drain() {
            super("drain-a", ExitPhase.DRAIN, 0);
        }
    }

    /** [slow], in DEFAULT, late. */
    public static final class Slow extends LoggingAction {
        public Slow() {
            super("slow", ExitPhase.DEFAULT, LoggingApp.SLOW_MILLIS);
        }
    }

    /** [telemetry], in TELEMETRY. */
    public static final class Telemetry extends LoggingAction {
        public Telemetry() {
            super("telemetry", ExitPhase.TELEMETRY, 0);
        }
    }
}
