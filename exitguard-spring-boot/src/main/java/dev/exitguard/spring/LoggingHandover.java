package dev.exitguard.spring;

import dev.exitguard.core.LoggingBackends;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Hands Spring Boot's stop of its logging system to exitguard, which runs it last, after every exit
 * action and the exit report, instead of Spring Boot's own JVM shutdown hook, which would run it
 * beside the exit's actions on {@code System.exit} and when {@code main} returns.
 *
 * <p>Spring Boot's {@code LoggingApplicationListener} adds the logging system's shutdown handler to
 * {@code SpringApplication.getShutdownHandlers()} when the environment is prepared, unless
 * {@code logging.register-shutdown-hook} is false; adding a handler adds Spring Boot's JVM shutdown
 * hook ({@code SpringApplicationShutdownHook}), which then stops Logback or Log4j the moment the
 * JVM's shutdown begins. This listener runs just before Spring Boot's: it sets that property to false
 * in a property source of its own ({@value #PROPERTY_SOURCE}, first), and hands the same handler to
 * exitguard as a {@link SpringLoggingBackend}. An application that set
 * {@code logging.register-shutdown-hook=false} itself stops logging as it chose, and is left alone;
 * so is one with {@code exitguard.spring.enabled=false}. Listed in {@code META-INF/spring.factories}.
 */
final class LoggingHandover implements GenericApplicationListener {

    /** The name of the property source that turns Spring Boot's registration of the handler off. */
    static final String PROPERTY_SOURCE = "exitguard-spring-boot: logging stopped by exitguard";

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
    }

    /** Just before Spring Boot's logging listener reads {@code logging.register-shutdown-hook}. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER - 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        ApplicationEnvironmentPreparedEvent prepared = (ApplicationEnvironmentPreparedEvent) event;
        ConfigurableEnvironment environment = prepared.getEnvironment();
        if (!SpringSettings.enabled(environment) || environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        // Read as Spring Boot reads it: an application that said false stops logging itself, or never.
        if (!environment.getProperty(LoggingApplicationListener.REGISTER_SHUTDOWN_HOOK_PROPERTY, Boolean.class, true)) {
            return;
        }
        LoggingSystem system = LoggingSystem.get(prepared.getSpringApplication().getClassLoader());
        Runnable handler = system.getShutdownHandler();
        if (handler == null) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
                Map.of(LoggingApplicationListener.REGISTER_SHUTDOWN_HOOK_PROPERTY, "false")));
        LoggingBackends.register(new SpringLoggingBackend(system.getClass(), handler));
    }
}
