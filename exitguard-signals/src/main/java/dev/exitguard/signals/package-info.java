/**
 * Signals as exit triggers: {@link dev.exitguard.signals.SignalTrigger} turns SIGINT and SIGTERM
 * (and others, by configuration) into exits that run the actions first, and a second signal into
 * a halt.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless its documentation says so.
 *
 * @since 0.1
 */
package dev.exitguard.signals;
