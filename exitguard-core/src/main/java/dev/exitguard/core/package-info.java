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
 * <h2>The rule of the install and exit paths: no lambda met there for the first time</h2>
 * Code that runs while the application starts (install, the builder, arming, loading a logging
 * backend) or on the exit path (the exit thread, the JVM hook, the report) uses no lambda, method
 * reference, stream or {@code CompletableFuture} that the JVM has not already spun up: named or
 * anonymous classes and loops instead. The first lambda of a JVM bootstraps
 * {@code invokedynamic}'s machinery ({@code LambdaMetafactory}, method handles, a hidden class):
 * in a fresh JDK 17 JVM a first {@code Runnable} lambda took 27 ms where an anonymous class took
 * 2 ms (JDK 25: 38 ms and 3 ms), median of 11 runs on a shared 2-core machine; at install that is
 * taken from the application's start, at exit from the deadline. The few lambdas of the scheduler
 * ({@code ActionLifecycle}, {@code ThreadHandOver}) are spun up at install, off the start-up path, by the
 * rehearsal of {@code Warmup}, which runs a whole exit. To measure again:
 * <pre>{@code
 * // FirstLambda.java: time the first Runnable, as a lambda or (with "anon") an anonymous class
 * long t0 = System.nanoTime();
 * Runnable r = args.length > 0 ? new Runnable() { public void run() { } } : () -> { };
 * r.run();
 * System.out.println((System.nanoTime() - t0) / 1000 + " us");
 * // javac FirstLambda.java; for i in $(seq 11); do java FirstLambda; done; ... java FirstLambda anon
 * }</pre>
 * Other modules on those paths ({@code exitguard-signals}) keep the same rule.
 *
 * @since 0.1
 */
package dev.exitguard.core;
