/**
 * The Spring Boot adapter of exitguard. Nothing to call: on the class path of a Spring Boot
 * application it takes over the application's exit (see
 * {@link dev.exitguard.spring.ExitGuardAutoConfiguration} for what happens and when).
 *
 * <p>Nothing in this package accepts or returns {@code null} unless its documentation says so.
 *
 * @since 0.1
 */
package dev.exitguard.spring;
