package dev.exitguard.api;

import java.util.Locale;
import java.util.Objects;

/**
 * The named phases of an exit, in the order they run; an {@link ExitAction#phase()} is one of
 * these or any value between them (phases run in ascending order, each a barrier).
 *
 * <p>The constants are spaced apart so that an application can slot a phase of its own between two
 * of them, for example {@code ExitPhase.DRAIN + 10}.
 *
 * @since 0.1
 */
public final class ExitPhase {

    /**
     * First: stop taking new work. Readiness goes off, listeners stop accepting, and, under an
     * orchestrator, a short pre-stop pause lets load balancers notice before anything closes.
     */
    public static final int STOP_INTAKE = -2000;

    /** Finish the work already in flight: requests being served, messages being handled. */
    public static final int DRAIN = -1000;

    /** Everything else; where an action runs unless it says otherwise. */
    public static final int DEFAULT = 0;

    /** Close what the work used: pools, files, connections, servers. */
    public static final int RELEASE = 1000;

    /** Last: flush logs and metrics, so that they record everything the earlier phases did. */
    public static final int TELEMETRY = 2000;

    /**
     * After every action: the JVM's other shutdown hooks, those that any library registered with
     * {@link Runtime#addShutdownHook}, when exitguard adopts them ({@code exitguard.foreignHooks=adopt},
     * the default with {@code exitguard-agent}). Exitguard gives this phase to those hooks, one
     * report row each, named {@code shutdown hook <thread name>}; it is not meant for actions.
     *
     * @since 0.1
     */
    public static final int SHUTDOWN_HOOKS = Integer.MAX_VALUE;

    private ExitPhase() {
    }

    /**
     * The phase {@code text} names, the inverse of {@link #nameOf(int)}: a constant's name
     * ({@code "DRAIN"}, in any case), one with an offset ({@code "DRAIN+10"}, {@code "STOP_INTAKE-5"}),
     * or a number ({@code "-1000"}). Spaces around it are ignored.
     *
     * @param text the phase as text, e.g. {@code "DRAIN"}
     * @return the phase
     * @throws IllegalArgumentException naming {@code text} if it is none of these, or out of the int range
     * @since 0.1
     */
    public static int parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int sign = Math.max(trimmed.lastIndexOf('+'), trimmed.lastIndexOf('-'));
        String base = sign > 0 ? trimmed.substring(0, sign).strip() : trimmed;
        String offset = sign > 0 ? trimmed.substring(sign).strip() : "0";
        long value;
        try {
            value = named(base) + Long.parseLong(offset.replace(" ", ""));
        } catch (IllegalArgumentException notNamed) {
            try {
                value = Long.parseLong(trimmed);
            } catch (NumberFormatException notNumber) {
                throw new IllegalArgumentException("[" + text + "] is not a phase: give a name (STOP_INTAKE, DRAIN,"
                        + " DEFAULT, RELEASE, TELEMETRY, SHUTDOWN_HOOKS), a name with an offset (DRAIN+10), or a"
                        + " number (-1000)");
            }
        }
        if (value != (int) value) {
            throw new IllegalArgumentException("[" + text + "] is not a phase: it is outside the range of an int");
        }
        return (int) value;
    }

    private static int named(String name) {
        switch (name.toUpperCase(Locale.ROOT)) {
            case "STOP_INTAKE": return STOP_INTAKE;
            case "DRAIN": return DRAIN;
            case "DEFAULT": return DEFAULT;
            case "RELEASE": return RELEASE;
            case "TELEMETRY": return TELEMETRY;
            case "SHUTDOWN_HOOKS": return SHUTDOWN_HOOKS;
            default: throw new IllegalArgumentException(name);
        }
    }

    /**
     * A readable name for a phase: the constant's name ({@code "DRAIN"}, {@code "SHUTDOWN_HOOKS"}),
     * or the nearest of the application's constants at or below it plus the offset
     * ({@code "DRAIN+10"}), or an offset from the first one ({@code "STOP_INTAKE-5"}).
     *
     * @param phase any phase value
     * @return the phase's name, such as {@code "DRAIN"} or {@code "DRAIN+10"}
     */
    public static String nameOf(int phase) {
        if (phase == SHUTDOWN_HOOKS) {
            return "SHUTDOWN_HOOKS";
        }
        int[] values = {STOP_INTAKE, DRAIN, DEFAULT, RELEASE, TELEMETRY};
        String[] names = {"STOP_INTAKE", "DRAIN", "DEFAULT", "RELEASE", "TELEMETRY"};
        if (phase < STOP_INTAKE) {
            return "STOP_INTAKE-" + ((long) STOP_INTAKE - phase);
        }
        for (int i = values.length - 1; i >= 0; i--) {
            if (phase >= values[i]) {
                long offset = (long) phase - values[i];
                return offset == 0 ? names[i] : names[i] + "+" + offset;
            }
        }
        throw new AssertionError(phase);
    }
}
