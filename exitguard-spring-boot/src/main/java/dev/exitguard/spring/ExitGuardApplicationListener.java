package dev.exitguard.spring;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Takes over an application's exit before its context is refreshed, which is the last moment
 * Spring Boot's own shutdown hook can still be declined: unless {@code exitguard.spring.enabled}
 * is false, installs (or joins) the guard, registers {@code spring-readiness}, the pre-stop pause
 * and {@code spring-context}, and tells the {@code SpringApplication} not to register the context
 * with its shutdown hook. When the start fails, the context's actions leave the guard again.
 * Listed in {@code META-INF/spring.factories}; Spring Boot makes one per {@code SpringApplication}.
 */
final class ExitGuardApplicationListener implements ApplicationListener<SpringApplicationEvent> {

    /** The contexts this listener took over; weak, as a context may be dropped without failing or closing. */
    private final Map<ConfigurableApplicationContext, SpringContextExit> taken =
            Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationPreparedEvent prepared) {
            prepared(prepared);
        } else if (event instanceof ApplicationFailedEvent failed && failed.getApplicationContext() != null) {
            SpringContextExit exit = taken.remove(failed.getApplicationContext());
            if (exit != null) {
                // A context whose refresh failed is closed without a ContextClosedEvent.
                exit.withdraw();
            }
        }
    }

    private void prepared(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (!SpringSettings.enabled(context.getEnvironment())) {
            return;
        }
        SpringContextExit exit = SpringContextExit.takeOver(context, SpringSettings.read(context.getEnvironment()));
        context.getBeanFactory().registerSingleton(SpringContextExit.BEAN_NAME, exit);
        taken.put(context, exit);
        // Read when the context is refreshed, just after this event: the context is never handed to
        // Spring Boot's shutdown hook, which would close it beside the exit, out of its order.
        event.getSpringApplication().setRegisterShutdownHook(false);
    }
}
