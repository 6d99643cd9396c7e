package dev.exitguard.spring;

import dev.exitguard.core.ExitConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report for a configuration exitguard refused: every
 * problem, each naming its action, bean or setting (and where the setting came from), and what to do.
 */
final class ExitConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ExitConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ExitConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage().strip(),
                "Correct the exit actions and exitguard.* settings named above. Settings come from Spring's"
                        + " Environment (application.properties or YAML, environment variables, system properties);"
                        + " exitguard.spring.enabled=false hands the application's exit back to Spring Boot.",
                cause);
    }
}
