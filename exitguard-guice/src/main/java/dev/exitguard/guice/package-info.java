/**
 * The Guice adapter of exitguard: install {@link dev.exitguard.guice.ExitGuardModule} and
 * contribute {@link dev.exitguard.api.ExitAction}s with
 * {@link dev.exitguard.guice.ExitGuardModule#actions(com.google.inject.Binder)}.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless its documentation says so.
 *
 * @since 0.1
 */
package dev.exitguard.guice;
