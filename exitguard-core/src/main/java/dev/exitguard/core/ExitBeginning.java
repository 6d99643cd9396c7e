package dev.exitguard.core;

import dev.exitguard.api.ExitReason;

/**
 * An action that must do something the moment the exit begins, before any phase runs: a drain
 * stops its tracker's intake there, atomically with respect to {@link InFlight#enter()}.
 * Called once per exit, on the thread that began it, while no action runs yet; it must be quick
 * and must not throw.
 */
interface ExitBeginning {

    /** The exit begun with {@code reason} is about to run its first phase. */
    void exitBegan(ExitReason reason);
}
