package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitConfigurationException;
import dev.exitguard.core.ExitGuard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The core's settings read from Spring's Environment: relaxed names, precedence, placeholders, origins. */
class EnvironmentPropertiesTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    private EnvironmentProperties properties(Map<String, Object> values) {
        environment.getPropertySources().addFirst(new MapPropertySource("app", values));
        ConfigurationPropertySources.attach(environment);
        return new EnvironmentProperties(environment);
    }

    @Test
    void camelCaseKebabCaseAndUnderscoresAllReadTheSameSetting() {
        assertEquals("2s", properties(Map.of("exitguard.halt-grace", "2s")).apply("exitguard.haltGrace"));
        assertEquals("3s", new EnvironmentProperties(with("exitguard.haltGrace", "3s")).apply("exitguard.haltGrace"));
        assertEquals("4s", new EnvironmentProperties(with("exitguard.halt_grace", "4s")).apply("exitguard.haltGrace"));
    }

    @Test
    void environmentVariablesInTheirUsualForm() {
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("EXITGUARD_HALTGRACE", "5s", "EXITGUARD_DEADLINE", "9s")));
        ConfigurationPropertySources.attach(environment);
        EnvironmentProperties properties = new EnvironmentProperties(environment);

        assertEquals("5s", properties.apply("exitguard.haltGrace"));
        assertEquals("9s", properties.apply("exitguard.deadline"));
    }

    @Test
    void placeholdersAreResolvedAndUnsetIsNull() {
        EnvironmentProperties properties = properties(Map.of("exitguard.deadline", "${app.stop-within}",
                "app.stop-within", "20s"));

        assertEquals("20s", properties.apply("exitguard.deadline"));
        assertNull(properties.apply("exitguard.report"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("exitguard.deadline", "20s");
        expected.put("exitguard.report", null);
        assertEquals(expected, properties.values());
    }

    @Test
    void aProblemWithASettingSaysWhereItsValueCameFrom() {
        EnvironmentProperties properties = properties(Map.of("exitguard.deadline", "banana"));
        // The failure the core makes: each problem says which property it is about, if any.
        ExitConfigurationException failure = assertThrows(ExitConfigurationException.class, () -> ExitGuard.builder()
                .discoverActions(false).discoverTriggers(false).properties(properties)
                .action(ExitActions.named("x").run(c -> { }), "one").action(ExitActions.named("x").run(c -> { }), "two")
                .build());

        ExitConfigurationException described = properties.withOrigins("for context 'app'", failure);

        assertEquals(List.of("exitguard.deadline: cannot read [banana] as a duration (examples: 25s, 500ms, PT25S)"
                + " (from \"exitguard.deadline\" from property source \"app\")",
                failure.problems().get(1)), described.problems());
        assertTrue(failure.problems().get(1).startsWith("duplicate exit action name [x]: "), failure::getMessage);
        assertSame(failure, described.getCause());
    }

    private static StandardEnvironment with(String key, String value) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("app", Map.of(key, value)));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
