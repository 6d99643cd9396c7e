package dev.exitguard.spring.app;

import dev.exitguard.testkit.InChild;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records each change of readiness, as a readiness probe would see it, and the start of the context's close. */
@Component
public class ReadinessRecorder {

    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        InChild.record("readiness " + event.getState());
    }

    @EventListener
    public void onClose(ContextClosedEvent event) {
        InChild.record("context closing");
    }
}
