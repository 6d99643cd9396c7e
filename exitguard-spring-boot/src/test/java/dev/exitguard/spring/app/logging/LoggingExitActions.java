package dev.exitguard.spring.app.logging;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.testkit.InChild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code app.logging=true}: exit action beans that log through SLF4J, as a Spring application's
 * code does, in three phases ({@code DRAIN} beside the context's close, {@code DEFAULT} with one that
 * starts 400 ms late, {@code TELEMETRY}); with {@code app.exit-in-action=N}, one more that logs and
 * then calls {@code System.exit(N)}. Each records {@code start <name>} and {@code end <name>} in the
 * events file, so that a test knows it ran whatever the log says.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.exitguard.api.ExitAction")
@ConditionalOnProperty("app.logging")
public class LoggingExitActions {

    /** Lines each action (and the {@code @PreDestroy} bean) logs. */
    public static final int LINES = 30;

    /** How long the slow action waits before it logs: past the moment a racing hook stops logging. */
    public static final long SLOW_MILLIS = 400;

    static final Logger LOG = LoggerFactory.getLogger("shop.exit");

    /** The {@code i}-th line {@code name} logs, from 1. */
    public static String line(String name, int i) {
        return "line " + i + " of " + name;
    }

    static void logLines(String name) {
        for (int i = 1; i <= LINES; i++) {
            LOG.info(line(name, i));
        }
    }

    @Bean
    ExitAction logDrain() {
        return logging("log-drain", ExitPhase.DRAIN, 0);
    }

    @Bean
    ExitAction logSlow() {
        return logging("log-slow", ExitPhase.DEFAULT, SLOW_MILLIS);
    }

    @Bean
    ExitAction logQuick() {
        return logging("log-quick", ExitPhase.DEFAULT, 0);
    }

    @Bean
    ExitAction logTelemetry() {
        return logging("log-telemetry", ExitPhase.TELEMETRY, 0);
    }

    @Bean
    @ConditionalOnProperty("app.exit-in-action")
    ExitAction exiter(org.springframework.core.env.Environment environment) {
        int status = environment.getRequiredProperty("app.exit-in-action", Integer.class);
        return ExitActions.named("exiter").run(context -> {
            InChild.record("start exiter");
            logLines("exiter");
            InChild.record("end exiter");
            System.exit(status);
        });
    }

    private static ExitAction logging(String name, int phase, long sleepMillis) {
        return new ExitAction() {
            @Override
            public void run(ExitContext context) throws InterruptedException {
                InChild.record("start " + name);
                if (sleepMillis > 0) {
                    Thread.sleep(sleepMillis);
                }
                logLines(name);
                InChild.record("end " + name);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public int phase() {
                return phase;
            }
        };
    }
}
