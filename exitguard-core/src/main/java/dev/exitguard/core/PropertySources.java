package dev.exitguard.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Where a builder reads the {@code exitguard.*} settings and the names of their families from. */
final class PropertySources {

    private PropertySources() {
    }

    /** The system properties; a named class, on the install path (see the package's rule). */
    enum SystemProperties implements Function<String, String>, Supplier<Collection<String>> {
        INSTANCE;

        @Override
        public String apply(String name) {
            return System.getProperty(name);
        }

        @Override
        public Collection<String> get() {
            return System.getProperties().stringPropertyNames();
        }
    }

    /**
     * For properties given as a function, whose names cannot be listed: the keys of a family
     * ({@code exitguard.phaseTimeout.<PHASE>}) are asked for by the phases' names, and by every form
     * the system properties hold (a function such as Spring's {@code Environment} holds those too).
     */
    enum ProbedPropertyNames implements Supplier<Collection<String>> {
        INSTANCE;

        @Override
        public Collection<String> get() {
            List<String> names = new ArrayList<>();
            for (String phase : new String[] {"STOP_INTAKE", "DRAIN", "DEFAULT", "RELEASE", "TELEMETRY"}) {
                names.add(GuardSettings.PHASE_TIMEOUT + phase);
            }
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith(GuardSettings.PHASE_TIMEOUT) && !names.contains(name)) {
                    names.add(name);
                }
            }
            return names;
        }
    }
}
