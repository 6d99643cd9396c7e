package dev.exitguard.spring;

import dev.exitguard.core.ExitConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * The {@code exitguard.*} settings of the core, read from Spring's {@code Environment} instead of the
 * system properties alone: {@code application.properties}, YAML, environment variables, command-line
 * arguments and system properties, in Spring's order, with its relaxed names ({@code exitguard.haltGrace},
 * {@code exitguard.halt-grace}, {@code EXITGUARD_HALTGRACE}) and its placeholders. Remembers where each
 * value came from, so that a problem with one can say so. Used on one thread, during one install.
 */
final class EnvironmentProperties implements Function<String, String> {

    private final Binder binder;
    /** Every name asked for, with what was found (null: not set). */
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, ConfigurationProperty> found = new LinkedHashMap<>();

    EnvironmentProperties(Environment environment) {
        this.binder = Binder.get(environment);
    }

    @Override
    public String apply(String name) {
        ConfigurationPropertyName key = ConfigurationPropertyName.adapt(name, '.');
        String value = binder.bind(key, Bindable.of(String.class), new BindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName bound, Bindable<?> target, BindContext context,
                    Object result) {
                ConfigurationProperty property = context.getConfigurationProperty();
                if (property != null) {
                    found.put(name, property);
                }
                return result;
            }
        }).orElse(null);
        values.put(name, value);
        return value;
    }

    /** Each name asked for so far, with its value (null where it is not set). */
    Map<String, String> values() {
        return new LinkedHashMap<>(values);
    }

    /** Where the value of {@code name} came from, for messages: a file and line, or a property source. */
    String origin(String name) {
        ConfigurationProperty property = found.get(name);
        if (property == null) {
            return "the Environment";
        }
        if (property.getOrigin() != null) {
            return property.getOrigin().toString();
        }
        Object source = property.getSource() == null ? null : property.getSource().getUnderlyingSource();
        return source instanceof org.springframework.core.env.PropertySource
                ? "property source '" + ((org.springframework.core.env.PropertySource<?>) source).getName() + "'"
                : "the Environment";
    }

    /**
     * The same failure, each problem about a setting read here followed by where its value came
     * from: each problem says which property it is about ({@link ExitConfigurationException.Problem#property()}).
     */
    ExitConfigurationException withOrigins(String headline, ExitConfigurationException failure) {
        List<ExitConfigurationException.Problem> problems = new ArrayList<>();
        for (ExitConfigurationException.Problem problem : failure.details()) {
            String property = problem.property().orElse(null);
            problems.add(property != null && found.containsKey(property)
                    ? new ExitConfigurationException.Problem(problem.message() + " (from " + origin(property) + ")",
                            problem.actions(), problem.property())
                    : problem);
        }
        ExitConfigurationException enriched = ExitConfigurationException.of(headline, problems);
        enriched.initCause(failure);
        return enriched;
    }
}
