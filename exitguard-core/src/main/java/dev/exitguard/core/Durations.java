package dev.exitguard.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration format of exitguard's configuration, so that code reading durations of its own (a
 * command line, a file of settings) reads them exactly as the {@code exitguard.*} properties do.
 *
 * <p>A duration is either a sequence of amounts with units, largest unit first, each unit at most
 * once: {@code 25s}, {@code 500ms}, {@code 1m30s}, {@code 1h 30m}, {@code 2s250ms} (units
 * {@code d}, {@code h}, {@code m}, {@code s}, {@code ms}, {@code us}, {@code ns}; any case; spaces
 * between the parts are allowed); or an ISO-8601 duration as {@link Duration#parse} reads it:
 * {@code PT25S}, {@code PT1M30S}. It must not be negative, and it is at most a day, longer than
 * any exit should take. A number needs its unit: {@code 25} alone is refused, not guessed.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class Durations {

    static final String EXAMPLES = "examples: 25s, 500ms, PT25S";

    /** Longer than any exit should take, and far from the overflow of nanosecond arithmetic. */
    static final Duration MAX = Duration.ofDays(1);

    /** The units, smallest first; a unit's index is its rank. */
    private static final List<String> UNIT_ORDER = List.of("ns", "us", "ms", "s", "m", "h", "d");
    private static final String UNITS = String.join("|", UNIT_ORDER);
    private static final Pattern PART = Pattern.compile("(\\d{1,18})\\s*(" + UNITS + ")");
    private static final Pattern PARTS = Pattern.compile(
            "\\d{1,18}\\s*(?:" + UNITS + ")(?:\\s*\\d{1,18}\\s*(?:" + UNITS + "))*");

    private Durations() {
    }

    /**
     * Reads {@code text} as a duration, the way the {@code exitguard.*} properties are read:
     * {@code 25s}, {@code 500ms}, {@code 1m30s}, {@code PT25S}.
     *
     * @param text the duration; spaces around it are ignored
     * @return the duration; not negative, at most a day
     * @throws IllegalArgumentException saying what is wrong with {@code text} and quoting it: empty,
     *     no unit, a unit out of order, unreadable, negative, or longer than a day
     * @throws NullPointerException if {@code text} is null
     */
    public static Duration parse(String text) {
        return parse(null, Objects.requireNonNull(text, "text"));
    }

    /**
     * Parses {@code text} as a non-negative duration no longer than {@link #MAX}.
     *
     * @param what the name to blame in the message, e.g. a property name; null for none
     * @throws IllegalArgumentException naming {@code what} and the text
     */
    static Duration parse(String what, String text) {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        Duration value;
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(blame(what, "the value is empty (" + EXAMPLES + ")"));
        } else if (PARTS.matcher(lower).matches()) {
            value = sum(what, text, lower);
        } else if (lower.startsWith("p") || lower.startsWith("-p")) {
            try {
                value = Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        blame(what, "cannot read [" + text + "] as a duration (" + EXAMPLES + ")"), e);
            }
        } else if (trimmed.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(blame(what, "[" + text
                    + "] has no unit; say which (" + EXAMPLES + ")"));
        } else {
            throw new IllegalArgumentException(
                    blame(what, "cannot read [" + text + "] as a duration (" + EXAMPLES + ")"));
        }
        return checkRange(what, value);
    }

    /** Adds up the parts of {@code lower}, which matches {@link #PARTS}, largest unit first. */
    private static Duration sum(String what, String text, String lower) {
        Duration total = Duration.ZERO;
        int previousRank = Integer.MAX_VALUE;
        Matcher part = PART.matcher(lower);
        while (part.find()) {
            String unit = part.group(2);
            int rank = rank(unit);
            if (rank >= previousRank) {
                throw new IllegalArgumentException(blame(what, "[" + text + "] repeats a unit or puts a smaller one"
                        + " first; write the largest first, as in 1m30s"));
            }
            previousRank = rank;
            try {
                total = total.plus(ofUnit(Long.parseLong(part.group(1)), unit));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(blame(what, "[" + text + "] is too long"), e);
            }
        }
        return total;
    }

    private static int rank(String unit) {
        return UNIT_ORDER.indexOf(unit);
    }

    private static String blame(String what, String problem) {
        return what == null ? problem : what + ": " + problem;
    }

    /** Checks a duration given in code: not null, not negative, at most {@link #MAX}. */
    static Duration checkRange(String what, Duration value) {
        if (value == null) {
            throw new NullPointerException(what);
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(blame(what, "must not be negative, but was " + format(value)));
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(
                    blame(what, "must be at most " + format(MAX) + ", but was " + format(value)));
        }
        return value;
    }

    /** Checks a duration that must be strictly positive as well. */
    static Duration checkPositive(String what, Duration value) {
        checkRange(what, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(what + ": must be positive, but was 0s");
        }
        return value;
    }

    private static Duration ofUnit(long amount, String unit) {
        switch (unit) {
            case "ns": return Duration.ofNanos(amount);
            case "us": return Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
            case "ms": return Duration.ofMillis(amount);
            case "s": return Duration.ofSeconds(amount);
            case "m": return Duration.ofMinutes(amount);
            case "h": return Duration.ofHours(amount);
            case "d": return Duration.ofDays(amount);
            default: throw new AssertionError(unit);
        }
    }

    /** A short readable form: {@code 25s}, {@code 500ms}, {@code 1m30s}, {@code 12.5ms}. */
    static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long nanos = duration.getNano();
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            return millis(duration) + "ms";
        }
        if (nanos == 0) {
            if (seconds % 3600 == 0) {
                return seconds / 3600 + "h";
            }
            if (seconds % 60 == 0 && seconds >= 60) {
                return seconds / 60 + "m";
            }
            if (seconds > 60) {
                return seconds / 60 + "m" + seconds % 60 + "s";
            }
            return seconds + "s";
        }
        return millis(duration) + "ms";
    }

    /** Milliseconds with up to three decimals, dot-separated whatever the locale: {@code 12.5}. */
    static String millis(Duration duration) {
        long micros;
        try {
            micros = duration.toNanos() / 1_000;
        } catch (ArithmeticException e) {
            return Long.toString(duration.toMillis());
        }
        String sign = micros < 0 ? "-" : "";
        micros = Math.abs(micros);
        long whole = micros / 1_000;
        int fraction = (int) (micros % 1_000);
        if (fraction == 0) {
            return sign + whole;
        }
        String digits = Integer.toString(1_000 + fraction).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return sign + whole + "." + digits.substring(0, end);
    }
}
