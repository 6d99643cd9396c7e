package dev.exitguard.api;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why the process exits, and the code it exits with. Immutable.
 *
 * <p>Create one with {@link #signal(String, int)}, {@link #programmatic(int)} or
 * {@link #jvmShutdown(String)}. A signal's exit code follows the convention of the JVM and of
 * shells: 128 plus the signal's number (SIGHUP 129, SIGINT 130, SIGTERM 143).
 *
 * @param kind what started the exit
 * @param detail a few words for people: the signal's name without {@code SIG} ({@code "TERM"}),
 *     or what asked for the exit; may be empty, never null
 * @param exitCode the status the process exits with; empty where it cannot be known, which is the
 *     case for {@link Kind#JVM_SHUTDOWN}: a shutdown hook cannot see the status given to
 *     {@code System.exit}
 * @since 0.1
 */
public record ExitReason(Kind kind, String detail, OptionalInt exitCode) {

    /** What started an exit. */
    public enum Kind {
        /** A signal such as SIGTERM or SIGINT, delivered by the OS. */
        SIGNAL,
        /** Code asked for it, through the coordinator's {@code exit(int)} or a trigger of its own. */
        PROGRAMMATIC,
        /**
         * The JVM's own shutdown had already begun: {@code System.exit}, {@code Runtime.exit}, or
         * the last non-daemon thread ending. The exit status is not visible to the coordinator.
         */
        JVM_SHUTDOWN
    }

    /**
     * Validates the components; use the factories instead.
     *
     * @param kind what started the exit
     * @param detail a few words for people; may be empty, never null
     * @param exitCode the status the process exits with; empty only for {@link Kind#JVM_SHUTDOWN}
     * @throws IllegalArgumentException if the exit code is present for {@link Kind#JVM_SHUTDOWN} or
     *     absent for another kind
     */
    public ExitReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(exitCode, "exitCode");
        if (kind == Kind.JVM_SHUTDOWN && exitCode.isPresent()) {
            throw new IllegalArgumentException(
                    "a JVM_SHUTDOWN reason has no known exit code, but got " + exitCode.getAsInt());
        }
        if (kind != Kind.JVM_SHUTDOWN && exitCode.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " reason needs an exit code");
        }
    }

    /**
     * An exit caused by a signal, with the exit code 128 + {@code number}.
     *
     * @param name the signal's name, with or without {@code SIG}, in any case ({@code "TERM"},
     *     {@code "SIGINT"}); stored upper case without {@code SIG}
     * @param number the signal's number on this platform, 1 to 64
     * @return a {@link Kind#SIGNAL} reason with the exit code 128 + {@code number}
     * @throws IllegalArgumentException if the name is blank or the number is out of range
     */
    public static ExitReason signal(String name, int number) {
        String normalized = normalizeSignalName(name);
        if (number < 1 || number > 64) {
            throw new IllegalArgumentException(
                    "signal number of " + normalized + " must be between 1 and 64, but was " + number);
        }
        return new ExitReason(Kind.SIGNAL, normalized, OptionalInt.of(128 + number));
    }

    /**
     * An exit caused by one of the signals whose numbers POSIX fixes on every platform: HUP 1,
     * INT 2, QUIT 3, ABRT 6, KILL 9, ALRM 14, TERM 15. For any other signal use
     * {@link #signal(String, int)} with the platform's number.
     *
     * @param name the signal's name, with or without {@code SIG}, in any case
     * @return a {@link Kind#SIGNAL} reason with the exit code 128 + the signal's POSIX number
     * @throws IllegalArgumentException naming the signal if it is not one of those
     */
    public static ExitReason signal(String name) {
        String normalized = normalizeSignalName(name);
        int number;
        switch (normalized) {
            case "HUP": number = 1; break;
            case "INT": number = 2; break;
            case "QUIT": number = 3; break;
            case "ABRT": number = 6; break;
            case "KILL": number = 9; break;
            case "ALRM": number = 14; break;
            case "TERM": number = 15; break;
            default:
                throw new IllegalArgumentException("the number of signal [" + normalized
                        + "] differs between platforms; use ExitReason.signal(name, number)");
        }
        return signal(normalized, number);
    }

    /**
     * An exit that code asked for, with the given status.
     *
     * @param status the status the process exits with
     * @return a {@link Kind#PROGRAMMATIC} reason whose detail is {@code "exit(status)"}
     */
    public static ExitReason programmatic(int status) {
        return programmatic(status, "exit(" + status + ")");
    }

    /**
     * An exit that code asked for, with the given status and a few words saying who asked.
     *
     * @param status the status the process exits with
     * @param detail who asked, in a few words; may be empty
     * @return a {@link Kind#PROGRAMMATIC} reason
     * @throws NullPointerException if {@code detail} is null
     */
    public static ExitReason programmatic(int status, String detail) {
        return new ExitReason(Kind.PROGRAMMATIC, detail, OptionalInt.of(status));
    }

    /**
     * An exit that the JVM had already begun when the coordinator heard of it, such as
     * {@code System.exit} or the last non-daemon thread ending; the status is unknown.
     *
     * @param detail what began the shutdown, in a few words; may be empty, never null
     * @return a {@link Kind#JVM_SHUTDOWN} reason, with no exit code
     * @throws NullPointerException if {@code detail} is null
     */
    public static ExitReason jvmShutdown(String detail) {
        return new ExitReason(Kind.JVM_SHUTDOWN, detail, OptionalInt.empty());
    }

    /**
     * Whether this reason is a signal whose name (with or without {@code SIG}) is {@code name}.
     *
     * @param name a signal's name, with or without {@code SIG}, in any case
     * @return true if this is a {@link Kind#SIGNAL} reason for that signal
     * @throws NullPointerException if {@code name} is null, whatever the kind of this reason
     */
    public boolean isSignal(String name) {
        String normalized = normalizeSignalName(name);
        return kind == Kind.SIGNAL && detail.equals(normalized);
    }

    /** For example {@code SIGNAL TERM (exit code 143)} or {@code JVM_SHUTDOWN (exit code unknown)}. */
    @Override
    public String toString() {
        String code = exitCode.isPresent() ? "exit code " + exitCode.getAsInt() : "exit code unknown";
        return detail.isEmpty() ? kind + " (" + code + ")" : kind + " " + detail + " (" + code + ")";
    }

    private static String normalizeSignalName(String name) {
        Objects.requireNonNull(name, "name");
        String upper = name.strip().toUpperCase(Locale.ROOT);
        String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
        if (bare.isEmpty()) {
            throw new IllegalArgumentException("signal name is blank: [" + name + "]");
        }
        return bare;
    }
}
