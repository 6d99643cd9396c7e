package dev.exitguard.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The facts one action adds to its row of the report ({@link dev.exitguard.api.ExitContext#fact}):
 * names in the order first given, each a {@link Long} or a {@link String}. Thread-safe: an action
 * may hand its context to threads of its own.
 */
final class Facts {

    /** Enough for any row a person reads; a bound, so that a runaway loop cannot grow the report without end. */
    static final int MAX = 32;

    private final String action;
    private Map<String, Object> values;

    Facts(String action) {
        this.action = action;
    }

    void put(String name, Object value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        synchronized (this) {
            if (values == null) {
                values = new LinkedHashMap<>();
            }
            if (values.size() >= MAX && !values.containsKey(name)) {
                throw new IllegalStateException("exit action [" + action + "] already has " + MAX
                        + " facts, as many as a report row holds; cannot add [" + name + "]");
            }
            values.put(name, value);
        }
    }

    /** What was added so far, unmodifiable; empty if nothing was. */
    synchronized Map<String, Object> snapshot() {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a fact's name must not be blank: [" + name + "]");
        }
        return name;
    }

    /**
     * A copy of {@code facts} as a report row holds them: names not blank, values {@link Long} (other
     * integral boxes are widened) or {@link String}, in the given order.
     *
     * @throws IllegalArgumentException naming the fact whose name or value is not allowed
     */
    static Map<String, Object> copyOf(Map<String, ?> facts) {
        Objects.requireNonNull(facts, "facts");
        if (facts.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> fact : facts.entrySet()) {
            Object value = fact.getValue();
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                value = ((Number) value).longValue();
            }
            if (!(value instanceof Long || value instanceof String)) {
                throw new IllegalArgumentException("fact [" + fact.getKey() + "] is " + value
                        + (value == null ? "" : " (a " + value.getClass().getName() + ")")
                        + "; a fact is a whole number or a string");
            }
            copy.put(checkName(fact.getKey()), value);
        }
        return Collections.unmodifiableMap(copy);
    }
}
