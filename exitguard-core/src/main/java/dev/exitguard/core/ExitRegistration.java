package dev.exitguard.core;

/**
 * The handle {@link ExitGuard#register} returns: unregisters the action it stands for.
 * Thread-safe; {@link #close()} makes it usable in try-with-resources for work that needs an exit
 * action only while it is in progress.
 *
 * @since 0.1
 */
public interface ExitRegistration extends AutoCloseable {

    /**
     * The name of the registered action.
     *
     * @return the action's name
     */
    String name();

    /**
     * Removes the action, so that it does not run at exit.
     *
     * @return true if it was removed now; false if it was removed before, or if the exit has
     *     already begun (then it runs, as everything registered before the exit does)
     */
    boolean unregister();

    /** The same as {@link #unregister()}, ignoring its result. */
    @Override
    void close();
}
