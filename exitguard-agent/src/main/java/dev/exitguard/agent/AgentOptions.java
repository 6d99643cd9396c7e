package dev.exitguard.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's options, {@code -javaagent:exitguard-agent.jar=deadline=20s,report=exit.json}: a
 * comma-separated list of {@code key=value}, each key an {@code exitguard.*} system property,
 * written with or without its {@code exitguard.} prefix. A part without {@code =} continues the
 * value before it, so that a value may hold commas: {@code signals=INT,TERM,HUP,deadline=10s}.
 *
 * <p>Values are read by exitguard as the system properties they become, and a bad value fails the
 * install naming the property. Immutable once parsed.
 */
final class AgentOptions {

    static final String PREFIX = "exitguard.";

    /** The keys the agent takes, as their properties spell them, in the order the help lists them. */
    static final List<String> KEYS = List.of("deadline", "haltGrace", "actionTimeout", "report", "signals",
            "foreignHooks", "secondSignal", "duplicateSignalWindow", "plan");

    private final Map<String, String> properties;

    private AgentOptions(Map<String, String> properties) {
        this.properties = properties;
    }

    /**
     * Reads {@code text}, the part of {@code -javaagent:...=text} after the jar; null or blank gives
     * no options.
     *
     * @throws IllegalArgumentException naming the option at fault: a key the agent does not know, a
     *     key given twice, a first part with no {@code =}
     */
    static AgentOptions parse(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return new AgentOptions(properties);
        }
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String part : text.split(",", -1)) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                if (key == null) {
                    throw new IllegalArgumentException("option [" + part + "] has no value; write key=value, as in"
                            + " deadline=20s,report=exit.json");
                }
                value.append(',').append(part);
                continue;
            }
            if (key != null) {
                put(properties, key, value.toString());
            }
            key = property(part.substring(0, equals).strip());
            value.setLength(0);
            value.append(part.substring(equals + 1).strip());
        }
        put(properties, key, value.toString());
        return new AgentOptions(properties);
    }

    private static void put(Map<String, String> properties, String key, String value) {
        if (properties.putIfAbsent(key, value) != null) {
            throw new IllegalArgumentException("option [" + shortName(key) + "] is given twice ("
                    + shortName(key) + "=" + properties.get(key) + " and " + shortName(key) + "=" + value + ")");
        }
    }

    /** The property an option's key names. */
    private static String property(String key) {
        String bare = key.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? key.substring(PREFIX.length()) : key;
        for (String known : KEYS) {
            if (known.toLowerCase(Locale.ROOT).equals(bare.toLowerCase(Locale.ROOT))) {
                return PREFIX + known;
            }
        }
        throw new IllegalArgumentException("option [" + key + "] is not one the exitguard agent knows; it knows "
                + String.join(", ", KEYS) + " (each an exitguard.* system property)");
    }

    private static String shortName(String property) {
        return property.substring(PREFIX.length());
    }

    /** The options as system properties, in the order given. */
    Map<String, String> properties() {
        return properties;
    }

    /**
     * Sets every option as a system property in {@code system}.
     *
     * @throws IllegalArgumentException if {@code system} already holds one of them with another value
     *     ({@code -D} on the command line): the two disagree, and neither is guessed to win
     */
    void applyTo(Properties system) {
        List<String> disagreements = new ArrayList<>();
        for (Map.Entry<String, String> option : properties.entrySet()) {
            String already = system.getProperty(option.getKey());
            if (already != null && !already.equals(option.getValue())) {
                disagreements.add("option " + shortName(option.getKey()) + "=" + option.getValue()
                        + " disagrees with -D" + option.getKey() + "=" + already);
            }
        }
        if (!disagreements.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", disagreements) + "; give each setting once");
        }
        for (Map.Entry<String, String> option : properties.entrySet()) {
            system.setProperty(option.getKey(), option.getValue());
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        properties.forEach((key, value) -> parts.add(shortName(key) + "=" + value));
        return String.join(",", parts);
    }
}
