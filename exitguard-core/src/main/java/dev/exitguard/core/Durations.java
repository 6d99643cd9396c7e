package dev.exitguard.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the durations of configuration: {@code 25s}, {@code 500ms}, {@code PT25S}. */
final class Durations {

    static final String EXAMPLES = "examples: 25s, 500ms, PT25S";

    /** Longer than any exit should take, and far from the overflow of nanosecond arithmetic. */
    static final Duration MAX = Duration.ofDays(1);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,18})\\s*(ns|us|ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code text} as a non-negative duration no longer than {@link #MAX}.
     *
     * @param what the name to blame in the message, e.g. a property name
     * @throws IllegalArgumentException naming {@code what} and the text
     */
    static Duration parse(String what, String text) {
        String trimmed = text.strip();
        Duration value;
        Matcher matcher = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(what + ": the value is empty (" + EXAMPLES + ")");
        } else if (matcher.matches()) {
            value = ofUnit(what, text, Long.parseLong(matcher.group(1)), matcher.group(2));
        } else if (trimmed.startsWith("P") || trimmed.startsWith("p")
                || trimmed.startsWith("-P") || trimmed.startsWith("-p")) {
            try {
                value = Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        what + ": cannot read [" + text + "] as a duration (" + EXAMPLES + ")", e);
            }
        } else if (trimmed.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(what + ": [" + text
                    + "] has no unit; say which (" + EXAMPLES + ")");
        } else {
            throw new IllegalArgumentException(
                    what + ": cannot read [" + text + "] as a duration (" + EXAMPLES + ")");
        }
        return checkRange(what, value);
    }

    /** Checks a duration given in code: not null, not negative, at most {@link #MAX}. */
    static Duration checkRange(String what, Duration value) {
        if (value == null) {
            throw new NullPointerException(what);
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(what + ": must not be negative, but was " + format(value));
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(
                    what + ": must be at most " + format(MAX) + ", but was " + format(value));
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

    private static Duration ofUnit(String what, String text, long amount, String unit) {
        try {
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
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + ": [" + text + "] is too long", e);
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
