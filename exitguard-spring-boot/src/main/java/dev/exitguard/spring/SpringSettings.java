package dev.exitguard.spring;

import dev.exitguard.api.ExitPhase;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * The {@code exitguard.spring.*} settings, read from Spring's {@code Environment} with its relaxed
 * names ({@code pre-stop-delay}, {@code preStopDelay}, {@code EXITGUARD_SPRING_PRESTOPDELAY}). A bad
 * value fails the start with Spring Boot's own report of the property, its value and where it was set.
 *
 * @param enabled whether exitguard takes over the application's exit at all
 * @param contextPhase the phase of the {@code spring-context} action
 * @param preStopDelay the pause after readiness turns off, before anything closes; zero for none
 * @param contextTimeout the timeout of the {@code spring-context} action; empty for the guard's default
 */
record SpringSettings(boolean enabled, int contextPhase, Duration preStopDelay, Optional<Duration> contextTimeout) {

    static final String PREFIX = "exitguard.spring";
    static final String ENABLED = PREFIX + ".enabled";
    static final String CONTEXT_PHASE = PREFIX + ".context-phase";
    static final String PRE_STOP_DELAY = PREFIX + ".pre-stop-delay";
    static final String CONTEXT_TIMEOUT = PREFIX + ".context-timeout";

    /** The longest pause or timeout taken: the core bounds every duration of an exit by a day. */
    private static final Duration MAX = Duration.ofHours(24);

    /**
     * Reads the settings.
     *
     * @throws org.springframework.boot.context.properties.bind.BindException if a value cannot be
     *     converted (Spring Boot reports the property, the value and its origin)
     * @throws InvalidConfigurationPropertyValueException if a value converts but makes no sense
     */
    static SpringSettings read(Environment environment) {
        Binder binder = Binder.get(environment);
        boolean enabled = enabled(binder);
        int phase = binder.bind(CONTEXT_PHASE, String.class).map(SpringSettings::phase).orElse(ExitPhase.DRAIN);
        Duration delay = binder.bind(PRE_STOP_DELAY, Duration.class).orElse(Duration.ZERO);
        if (delay.isNegative() || delay.compareTo(MAX) > 0) {
            throw new InvalidConfigurationPropertyValueException(PRE_STOP_DELAY, delay,
                    "a pre-stop delay must be zero (none) or positive, and at most 24h");
        }
        Optional<Duration> timeout = Optional.ofNullable(binder.bind(CONTEXT_TIMEOUT, Duration.class).orElse(null));
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero()
                || timeout.get().compareTo(MAX) > 0)) {
            throw new InvalidConfigurationPropertyValueException(CONTEXT_TIMEOUT, timeout.get(),
                    "a timeout must be positive and at most 24h; leave it unset for the guard's default");
        }
        return new SpringSettings(enabled, phase, delay, timeout);
    }

    /**
     * Whether exitguard takes over the exit; the other settings are not even read when it does not.
     *
     * @throws org.springframework.boot.context.properties.bind.BindException if the value is not a boolean
     */
    static boolean enabled(Environment environment) {
        return enabled(Binder.get(environment));
    }

    private static boolean enabled(Binder binder) {
        return binder.bind(ENABLED, Boolean.class).orElse(true);
    }

    /** A phase by name ({@code DRAIN}, {@code drain}, {@code stop-intake}) or by number ({@code -1000}). */
    static int phase(String text) {
        String stripped = text.strip();
        String name = stripped.toUpperCase(Locale.ROOT).replace('-', '_');
        switch (name) {
            case "STOP_INTAKE": return ExitPhase.STOP_INTAKE;
            case "DRAIN": return ExitPhase.DRAIN;
            case "DEFAULT": return ExitPhase.DEFAULT;
            case "RELEASE": return ExitPhase.RELEASE;
            case "TELEMETRY": return ExitPhase.TELEMETRY;
            default:
                try {
                    return Integer.parseInt(stripped);
                } catch (NumberFormatException e) {
                    throw new InvalidConfigurationPropertyValueException(CONTEXT_PHASE, text,
                            "neither a phase name (STOP_INTAKE, DRAIN, DEFAULT, RELEASE, TELEMETRY) nor a whole number");
                }
        }
    }
}
