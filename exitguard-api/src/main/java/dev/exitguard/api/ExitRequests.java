package dev.exitguard.api;

/**
 * Where a {@link ExitTrigger} asks for the exit; implemented by the coordinator.
 *
 * <p>Thread-safe. The first request starts the exit: the actions run, then the process exits with
 * the code of the request's {@link ExitReason}. Later requests never run an action a second time.
 * A later {@linkplain ExitReason.Kind#SIGNAL signal} while the exit is running is handed to the
 * coordinator's second-signal policy (by default: halt at once, naming what is still running).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ExitRequests {

    /**
     * Asks for the exit. Returns promptly: the exit runs on a thread of the coordinator, so a
     * signal handler or an I/O thread can call this without blocking.
     *
     * @param reason why the process should exit, and with which code
     */
    void requestExit(ExitReason reason);
}
