package dev.exitguard.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an {@link ExitAction} is told when it runs: why the process exits and how much time is
 * left. Implemented by the coordinator; one instance per action run; safe to use from any thread.
 *
 * @since 0.1
 */
public interface ExitContext {

    /**
     * Why the process exits, and the code it exits with.
     *
     * @return the reason of this exit; not null
     */
    ExitReason reason();

    /**
     * The instant by which the whole exit must be over; anything still running then is abandoned.
     *
     * @return the deadline of the whole exit; not null
     */
    Instant deadline();

    /**
     * The time this action has left: until its own timeout, the budget of its phase, or the exit's
     * {@link #deadline()}, whichever comes first. Never negative; {@link Duration#ZERO} once the
     * time is up. Pass it to bounded waits ({@code awaitTermination}, {@code join}) so they end in
     * time.
     *
     * @return the time left to this action; not null, never negative
     */
    Duration remaining();

    /**
     * Adds a number to this action's row of the exit report, e.g. {@code fact("inFlightLeft", 3)}:
     * shown as {@code inFlightLeft=3} in the logged table and written as a JSON number under the
     * row's {@code "facts"}. Giving a name again replaces its value, so a fact can be kept current
     * while the action runs. May be called from any thread; a fact added after the report was made
     * is not in it.
     *
     * <p>The coordinator keeps every fact; a context that keeps none (this default) ignores them.
     *
     * @param name a short name, not blank; the JSON key
     * @param value the number
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException if the action already has as many facts as a row holds (32)
     * @since 0.1
     */
    default void fact(String name, long value) {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Adds a piece of text to this action's row of the exit report, as {@link #fact(String, long)}
     * does a number; written as a JSON string.
     *
     * @param name a short name, not blank; the JSON key
     * @param value the text
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException if the action already has as many facts as a row holds (32)
     * @since 0.1
     */
    default void fact(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
