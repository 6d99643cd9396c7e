/**
 * The exit coordinator: {@link dev.exitguard.core.ExitGuard} runs every
 * {@link dev.exitguard.api.ExitAction} once, in order, in parallel where allowed, each bounded in
 * time, when the process exits, and reports what happened.
 *
 * <p>Where to start: {@link dev.exitguard.core.ExitGuard#install()} (or
 * {@link dev.exitguard.core.ExitGuard#builder()}) to install the guard;
 * {@link dev.exitguard.core.ExitActions} for actions made in code (close, shut down an executor,
 * the pre-stop pause, the drain); {@link dev.exitguard.core.InFlight} to count the work in flight
 * and refuse new work once it drains; {@link dev.exitguard.core.ExitReport} for what an exit did;
 * {@link dev.exitguard.core.ExitPlan} and {@link dev.exitguard.core.PrintExitPlan} for what it
 * will do; {@link dev.exitguard.core.ProcessTerminator} to run a whole exit in a test without
 * ending the JVM; {@link dev.exitguard.core.Durations} for the duration format of the
 * {@code exitguard.*} properties. The scheduler, validation, discovery, the JSON writer, the
 * watchdog and the JDK Flight Recorder events ({@code dev.exitguard.Exit},
 * {@code dev.exitguard.ExitAction}; {@code jdk.jfr} is an optional, static requirement) stay
 * package-private: only what is named here is the contract.
 *
 * <p>Nothing in this package accepts or returns {@code null} unless its documentation says so; a
 * {@code null} argument is a {@link java.lang.NullPointerException} naming it. Bad configuration
 * fails at install, never at exit, with an {@link dev.exitguard.core.ExitConfigurationException}
 * listing every problem. Depends on the JDK and {@code exitguard-api} alone.
 *
 * @since 0.1
 */
package dev.exitguard.core;
