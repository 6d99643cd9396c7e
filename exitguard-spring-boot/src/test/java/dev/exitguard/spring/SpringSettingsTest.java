package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitPhase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code exitguard.spring.*}: defaults, relaxed names, phases by name or number, and bad values named. */
class SpringSettingsTest {

    private static SpringSettings read(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        ConfigurationPropertySources.attach(environment);
        return SpringSettings.read(environment);
    }

    @Test
    void defaults() {
        assertEquals(new SpringSettings(true, ExitPhase.DRAIN, Duration.ZERO, Optional.empty()), read(Map.of()));
    }

    @Test
    void relaxedNames() {
        SpringSettings settings = read(Map.of("exitguard.spring.preStopDelay", "5s", "exitguard.spring.context_timeout",
                "PT3S", "exitguard.spring.contextPhase", "stop-intake", "exitguard.spring.enabled", "FALSE"));

        assertEquals(new SpringSettings(false, ExitPhase.STOP_INTAKE, Duration.ofSeconds(5),
                Optional.of(Duration.ofSeconds(3))), settings);
    }

    @ParameterizedTest
    @CsvSource({"STOP_INTAKE, -2000", "drain, -1000", "Default, 0", "release, 1000", "TELEMETRY, 2000",
            "-1001, -1001", "' 42 ', 42"})
    void phasesByNameOrNumber(String text, int phase) {
        assertEquals(phase, SpringSettings.phase(text));
    }

    @Test
    void aPhaseThatIsNeitherNamesThePropertyAndTheValue() {
        InvalidConfigurationPropertyValueException e = assertThrows(InvalidConfigurationPropertyValueException.class,
                () -> read(Map.of("exitguard.spring.context-phase", "soon")));

        assertEquals("exitguard.spring.context-phase", e.getName());
        assertEquals("soon", e.getValue());
        assertEquals("neither a phase name (STOP_INTAKE, DRAIN, DEFAULT, RELEASE, TELEMETRY) nor a whole number",
                e.getReason());
    }

    @Test
    void aDurationThatDoesNotConvertNamesTheProperty() {
        BindException e = assertThrows(BindException.class, () -> read(Map.of("exitguard.spring.pre-stop-delay", "soon")));

        assertEquals("exitguard.spring.pre-stop-delay", e.getName().toString());
    }

    @Test
    void aNegativeDelayOrANonPositiveTimeoutIsRefused() {
        InvalidConfigurationPropertyValueException delay = assertThrows(InvalidConfigurationPropertyValueException.class,
                () -> read(Map.of("exitguard.spring.pre-stop-delay", "-1s")));
        assertEquals("exitguard.spring.pre-stop-delay", delay.getName());

        InvalidConfigurationPropertyValueException timeout = assertThrows(
                InvalidConfigurationPropertyValueException.class,
                () -> read(Map.of("exitguard.spring.context-timeout", "0s")));
        assertEquals("exitguard.spring.context-timeout", timeout.getName());
        assertTrue(timeout.getReason().contains("must be positive"), timeout.getReason());
    }
}
