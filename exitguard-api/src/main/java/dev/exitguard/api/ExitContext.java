package dev.exitguard.api;

import java.time.Duration;
import java.time.Instant;

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
     * The time this action has left: until its own timeout or the exit's {@link #deadline()},
     * whichever comes first. Never negative; {@link Duration#ZERO} once the time is up. Pass it
     * to bounded waits ({@code awaitTermination}, {@code join}) so they end in time.
     *
     * @return the time left to this action; not null, never negative
     */
    Duration remaining();
}
