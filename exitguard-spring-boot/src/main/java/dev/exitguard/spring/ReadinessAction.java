package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code spring-readiness}, in {@link ExitPhase#STOP_INTAKE}: turns the application's readiness to
 * {@link ReadinessState#REFUSING_TRAFFIC}, as Kubernetes' readiness probe (actuator's
 * {@code /actuator/health/readiness}) reads it, before anything drains or closes.
 */
final class ReadinessAction implements ExitAction {

    private static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    private final ConfigurableApplicationContext context;
    private final String name;

    ReadinessAction(ConfigurableApplicationContext context, String name) {
        this.context = context;
        this.name = name;
    }

    @Override
    public void run(ExitContext exit) {
        if (!context.isActive()) {
            // Closed already (by someone else, or before it finished starting): nobody asks it anymore.
            LOGGER.log(System.Logger.Level.DEBUG, () -> "application context '" + context.getId()
                    + "' is not active; its readiness is not changed");
            return;
        }
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int phase() {
        return ExitPhase.STOP_INTAKE;
    }

    @Override
    public String toString() {
        return "[" + name + "] turns the readiness of application context '" + context.getId() + "' to REFUSING_TRAFFIC";
    }
}
