package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Makes exitguard the way a Spring Boot application exits; on the class path, it needs no code.
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>An {@link ExitGuard} bean: the guard installed in the JVM, built from exitguard's
 *       {@link java.util.ServiceLoader} actions and triggers (SIGTERM and SIGINT) and the
 *       {@code exitguard.*} settings of Spring's {@code Environment} ({@code application.properties},
 *       YAML, environment variables, system properties, with relaxed names). If a guard is installed
 *       already (by {@code ExitGuard.install()} in {@code main}, or the exitguard agent), the bean is
 *       that guard and keeps its settings.
 *   <li>Every {@link ExitAction} bean, its dependencies injected, is an exit action beside those
 *       ServiceLoader finds, registered once all singletons exist and before the context starts
 *       (before the web server takes requests). A cycle among {@code after()}, a duplicate name, an
 *       {@code after()} into a later phase or a bad timeout fails the start, naming the beans.
 *   <li>Spring Boot's shutdown hook is declined for the context; closing the context is the exit
 *       action {@code spring-context}, in phase {@code exitguard.spring.context-phase}
 *       ({@code DRAIN} by default; a phase name or number), with timeout
 *       {@code exitguard.spring.context-timeout} (the guard's default if unset). Graceful web
 *       shutdown, {@code SmartLifecycle} stops and bean destruction run inside the exit, bounded by
 *       its deadline, one row of its report, with their stack if they hang.
 *   <li>{@code spring-readiness}, in {@code STOP_INTAKE}, turns readiness to
 *       {@code REFUSING_TRAFFIC} before anything drains; with
 *       {@code exitguard.spring.pre-stop-delay} (e.g. {@code 5s}) the action {@code spring-pre-stop}
 *       then waits that long, while the server still serves, for load balancers to notice.
 *   <li>{@code spring-shutdown-handlers}, after {@code spring-context}, runs what was added to
 *       {@code SpringApplication.getShutdownHandlers()} inside the exit, as Spring Boot's own hook
 *       would once its contexts are closed.
 *   <li>Spring Boot's stop of its logging system ({@code LoggingSystem.getShutdownHandler()}, which
 *       Spring Boot would run from its own JVM shutdown hook as the JVM's shutdown begins) is handed to
 *       exitguard, which runs it once, after every exit action and after the exit report, on every
 *       exit path; exitguard's adapter for the library ({@code exitguard-logback},
 *       {@code exitguard-log4j2}), if present, stops it instead. An application that set
 *       {@code logging.register-shutdown-hook=false} keeps its choice.
 * </ul>
 *
 * <h2>Order</h2>
 * {@code spring-readiness}, then {@code spring-pre-stop}, then {@code spring-context} (which waits
 * for both when it is in their phase or later), then {@code spring-shutdown-handlers}; logging is
 * stopped last, after the report. Beans are destroyed when {@code spring-context}
 * ends: an {@code ExitAction} bean in an earlier phase runs while every bean is alive, one in a
 * later phase (such as {@code DEFAULT}, the default) after the context has closed, and one in the
 * same phase beside the close (make it run first with a phase such as {@code ExitPhase.DRAIN - 1}).
 *
 * <h2>Outside an exit</h2>
 * A context closed by its application ({@code SpringApplication.exit}, a test, actuator's shutdown
 * endpoint) or whose start fails takes its actions out of the guard: they belong to the context. The
 * guard stays installed for the process's exit. A context that starts while another's actions are
 * registered (tests keeping several contexts, a parent and a child) registers its actions with the
 * context's id in their names ({@code spring-context (application#2)}), so that both are closed.
 *
 * <p>{@code exitguard.spring.enabled=false} turns all of this off: Spring Boot closes the context
 * from its own shutdown hook, and no guard is installed for it.
 *
 * @since 0.1
 */
@AutoConfiguration
@Conditional(ExitGuardAutoConfiguration.Enabled.class)
public final class ExitGuardAutoConfiguration {

    /** For Spring Boot, which creates it. */
    public ExitGuardAutoConfiguration() {
    }

    /**
     * The guard installed in the JVM. Not closed with the context: it outlives it, for the
     * process's exit.
     *
     * @param context the application's context, whose closing becomes an exit action
     * @return the guard installed in this JVM
     */
    @Bean(destroyMethod = "")
    public ExitGuard exitGuard(ApplicationContext context) {
        return SpringContextExit.of((ConfigurableApplicationContext) context).guard();
    }

    /** Registers the {@link ExitAction} beans once every singleton exists. */
    @Bean
    ExitActionBeans exitGuardActionBeans(ApplicationContext context) {
        return new ExitActionBeans((ConfigurableApplicationContext) context);
    }

    /** {@code exitguard.spring.enabled}, read as the listener reads it (so {@code no}, {@code off} and {@code 0} say false too). */
    static final class Enabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return SpringSettings.enabled(context.getEnvironment());
        }
    }
}
