package dev.exitguard.core;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration of one guard, resolved at install from the builder and the system properties.
 * A property, when set, overrides the builder: it is how an operator tunes an application
 * without rebuilding it.
 */
record GuardSettings(
        Duration deadline,
        Duration haltGrace,
        Optional<Duration> actionTimeout,
        Optional<Path> reportFile,
        boolean haltOnSecondSignal,
        Duration duplicateSignalWindow,
        boolean logPlan,
        Map<Integer, Duration> phaseTimeouts) {

    static final String DEADLINE = "exitguard.deadline";
    static final String HALT_GRACE = "exitguard.haltGrace";
    static final String ACTION_TIMEOUT = "exitguard.actionTimeout";
    static final String REPORT = "exitguard.report";
    static final String SECOND_SIGNAL = "exitguard.secondSignal";
    static final String DUPLICATE_SIGNAL_WINDOW = "exitguard.duplicateSignalWindow";
    static final String PLAN = "exitguard.plan";
    /** Followed by a phase, by name or number: {@code exitguard.phaseTimeout.DRAIN=10s}. */
    static final String PHASE_TIMEOUT = "exitguard.phaseTimeout.";

    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(25);
    static final Duration DEFAULT_HALT_GRACE = Duration.ofSeconds(5);
    static final Duration DEFAULT_DUPLICATE_SIGNAL_WINDOW = Duration.ofMillis(250);

    /** What the builder was told; null where it was told nothing. */
    record Requested(
            Duration deadline,
            Duration haltGrace,
            Duration actionTimeout,
            Path reportFile,
            Boolean haltOnSecondSignal,
            Duration duplicateSignalWindow,
            Boolean logPlan,
            Map<Integer, Duration> phaseTimeouts) {

        /** What the builder was told before it could set the budgets of phases. */
        Requested(Duration deadline, Duration haltGrace, Duration actionTimeout, Path reportFile,
                Boolean haltOnSecondSignal, Duration duplicateSignalWindow, Boolean logPlan) {
            this(deadline, haltGrace, actionTimeout, reportFile, haltOnSecondSignal, duplicateSignalWindow, logPlan,
                    Map.of());
        }
    }

    /** The settings of a guard without budgets for its phases. */
    GuardSettings(Duration deadline, Duration haltGrace, Optional<Duration> actionTimeout, Optional<Path> reportFile,
            boolean haltOnSecondSignal, Duration duplicateSignalWindow, boolean logPlan) {
        this(deadline, haltGrace, actionTimeout, reportFile, haltOnSecondSignal, duplicateSignalWindow, logPlan,
                Map.of());
    }

    /** Resolves the settings from properties whose names cannot be listed. */
    static GuardSettings resolve(Requested requested, Function<String, String> properties, Problems problems) {
        return resolve(requested, properties, List.of(), problems);
    }

    /**
     * Resolves the settings; every bad property value is added to {@code problems}.
     * {@code propertyNames} lists the properties there are, for keys that name a family, such as
     * {@code exitguard.phaseTimeout.<PHASE>}.
     */
    static GuardSettings resolve(Requested requested, Function<String, String> properties,
            Collection<String> propertyNames, Problems problems) {
        Duration deadline = duration(properties, DEADLINE, requested.deadline(), DEFAULT_DEADLINE, true, problems);
        Duration haltGrace = duration(properties, HALT_GRACE, requested.haltGrace(), DEFAULT_HALT_GRACE, false, problems);
        Duration actionTimeout = duration(properties, ACTION_TIMEOUT, requested.actionTimeout(), null, true, problems);
        Duration window = duration(properties, DUPLICATE_SIGNAL_WINDOW, requested.duplicateSignalWindow(),
                DEFAULT_DUPLICATE_SIGNAL_WINDOW, false, problems);
        Path report = reportFile(properties, requested.reportFile(), problems);
        boolean halt = secondSignal(properties, requested.haltOnSecondSignal(), problems);
        boolean plan = flag(properties, PLAN, requested.logPlan(), problems);
        Map<Integer, Duration> phaseTimeouts = PhaseTimeouts.resolve(requested.phaseTimeouts(), properties,
                propertyNames, problems);
        return new GuardSettings(deadline, haltGrace, Optional.ofNullable(actionTimeout), Optional.ofNullable(report),
                halt, window, plan, phaseTimeouts);
    }

    private static Duration duration(Function<String, String> properties, String name, Duration requested,
            Duration fallback, boolean positive, Problems problems) {
        String text = properties.apply(name);
        if (text == null) {
            return requested != null ? requested : fallback;
        }
        try {
            Duration value = Durations.parse(name, text);
            if (positive && value.isZero()) {
                throw new IllegalArgumentException(name + ": must be positive, but was [" + text + "]");
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.badProperty(name, e.getMessage());
            return requested != null ? requested : fallback;
        }
    }

    private static Path reportFile(Function<String, String> properties, Path requested, Problems problems) {
        String text = properties.apply(REPORT);
        if (text == null) {
            return requested;
        }
        if (text.isBlank()) {
            problems.badProperty(REPORT, REPORT + ": the value is empty; give a file path for the JSON report, or leave it unset");
            return requested;
        }
        try {
            return Path.of(text.strip());
        } catch (InvalidPathException e) {
            problems.badProperty(REPORT, REPORT + ": [" + text + "] is not a valid path: " + e.getReason());
            return requested;
        }
    }

    private static boolean secondSignal(Function<String, String> properties, Boolean requested, Problems problems) {
        String text = properties.apply(SECOND_SIGNAL);
        boolean fallback = requested == null || requested;
        if (text == null) {
            return fallback;
        }
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "halt": return true;
            case "ignore": return false;
            default:
                problems.badProperty(SECOND_SIGNAL, SECOND_SIGNAL + ": [" + text + "] is neither halt nor ignore");
                return fallback;
        }
    }

    private static boolean flag(Function<String, String> properties, String name, Boolean requested,
            Problems problems) {
        String text = properties.apply(name);
        boolean fallback = requested != null && requested;
        if (text == null) {
            return fallback;
        }
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default:
                problems.badProperty(name, name + ": [" + text + "] is neither true nor false");
                return fallback;
        }
    }
}
