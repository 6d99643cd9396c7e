/**
 * The exitguard service provider interfaces.
 *
 * <p>Implement {@link dev.exitguard.api.ExitAction} and list the class in
 * {@code META-INF/services/dev.exitguard.api.ExitAction} (or {@code provides} it in
 * {@code module-info}); the coordinator in {@code exitguard-core} runs it, in its
 * {@linkplain dev.exitguard.api.ExitPhase phase}, once, before the process exits.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless its documentation says so.
 *
 * @since 0.1
 */
package dev.exitguard.api;
