package dev.exitguard.api;

/**
 * A source of "exit now": a signal, a control socket, a health check that gave up.
 *
 * <p>Triggers are found by {@link java.util.ServiceLoader} (a public no-argument constructor
 * required) or handed to the coordinator by hand. The coordinator calls {@link #arm} once, when
 * it is installed, after every action is known; from then on the trigger calls
 * {@link ExitRequests#requestExit} whenever it fires, from any thread, as often as it likes: the
 * coordinator runs each action at most once and decides what repeated requests mean.
 *
 * <p>If {@code arm} throws, installation fails with the trigger's {@link #name()} and the
 * exception's message, so a trigger should throw only for configuration the user must fix, and
 * log (rather than throw) what it can work around.
 *
 * @since 0.1
 */
public interface ExitTrigger {

    /**
     * Starts listening. Called once, before any call to {@link #disarm()}.
     *
     * @param requests where to ask for the exit; safe to call from any thread, at any time
     * @throws Exception when the trigger cannot be armed as configured; installation then fails
     */
    void arm(ExitRequests requests) throws Exception;

    /** Stops listening and restores whatever the trigger replaced. Never throws. */
    void disarm();

    /**
     * Called on the exiting thread after every action has finished (or been abandoned), before
     * the process exits: the place to hand over to whatever the trigger displaced, such as a signal
     * handler installed before it. The default does nothing. Must not throw.
     *
     * @param reason the reason of the exit that is under way
     */
    default void actionsFinished(ExitReason reason) {
    }

    /**
     * What this trigger listens to, in a few words, for the plan and the logs (for example
     * {@code "signals INT, TERM"}). Defaults to its {@link #name()}.
     *
     * @return a short description; not null
     */
    default String description() {
        return name();
    }

    /**
     * The name of this trigger; a trigger handed to the coordinator by hand replaces a discovered one
     * of the same name. Defaults to the class name.
     *
     * @return the trigger's name; not null
     */
    default String name() {
        return getClass().getName();
    }
}
