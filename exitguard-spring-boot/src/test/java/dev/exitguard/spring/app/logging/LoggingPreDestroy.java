package dev.exitguard.spring.app.logging;

import dev.exitguard.testkit.InChild;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** With {@code app.logging=true}: a bean that logs its lines from {@code @PreDestroy}, as the context closes. */
@Component
@ConditionalOnProperty("app.logging")
public class LoggingPreDestroy {

    /** The name its lines carry. */
    public static final String NAME = "pre-destroy";

    @PreDestroy
    public void close() {
        InChild.record("start " + NAME);
        LoggingExitActions.logLines(NAME);
        InChild.record("end " + NAME);
    }
}
