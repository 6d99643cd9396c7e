package dev.exitguard.api;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Work to do once before the process exits: stop intake, drain, flush, close, report.
 *
 * <p>An action is found by {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.exitguard.api.ExitAction}, or {@code provides} it in
 * {@code module-info}; it then needs a public no-argument constructor), or is handed to the
 * coordinator by hand. It has one abstract method, so a lambda is an action too; give a lambda a
 * {@link #name()} (the default, its class name, is not stable for lambdas).
 *
 * <h2>Order</h2>
 * <ul>
 *   <li>Actions run in {@linkplain #phase() phases}, lowest first. A phase is a barrier: no action
 *       of a phase starts before every action of every earlier phase has finished or been
 *       abandoned.
 *   <li>Inside a phase, actions run in parallel, each on its own thread, except where
 *       {@link #after()} orders them: an action starts the moment every action it names there has
 *       finished (whatever the outcome), not when a whole "layer" has.
 *   <li>{@link #after()} may name actions of the same or of an earlier phase (an earlier one is
 *       already satisfied by the barrier); naming a later phase, a cycle or a duplicate
 *       {@link #name()} is an error reported when the coordinator is installed, never at exit. A
 *       name that no registered action has is a warning: providers are optional.
 * </ul>
 *
 * <h2>Time</h2>
 * An action gets its own {@link #timeout()} (or the coordinator's default) and never more than
 * what is left of its phase's budget, if the coordinator gives the phase one, or of the whole
 * exit's deadline ({@link ExitContext#remaining()} says how much). When
 * the time is up its thread is interrupted, its stack is captured into the report, and the exit goes
 * on without it. An action that ignores the interrupt is abandoned: its thread is a daemon and
 * cannot hold the process.
 *
 * <h2>Failure</h2>
 * An exception or {@link Error} thrown by {@link #run(ExitContext)} is recorded in the report and
 * nothing else happens: actions after it, in its phase and later, still run. Each action runs at
 * most once per process, however many exit requests arrive and from wherever.
 *
 * <p>Implementations must be thread-safe to the extent that {@code run} is called on a thread of
 * the coordinator, not the one that created the action. The other methods are read once, at
 * registration, and must return the same values every time.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ExitAction {

    /**
     * Does the work. Called at most once, on a coordinator thread, with the exit under way.
     * Respond to {@linkplain Thread#interrupt() interruption} by stopping early: it means the time
     * of this action is up.
     *
     * @param context why the process exits and how much time is left
     * @throws Exception anything; it is recorded as this action's failure and the exit goes on
     */
    void run(ExitContext context) throws Exception;

    /**
     * The name of this action, unique among the actions of one coordinator; other actions refer to
     * it in {@link #after()}, and the report and thread names use it. Defaults to the class name.
     *
     * @return the action's name; not null, not blank
     */
    default String name() {
        return getClass().getName();
    }

    /**
     * The phase this action runs in; lower phases run first. Use the constants of
     * {@link ExitPhase}, or a value between them. Defaults to {@link ExitPhase#DEFAULT}.
     *
     * @return the phase; any int, {@link ExitPhase} names the usual ones
     */
    default int phase() {
        return ExitPhase.DEFAULT;
    }

    /**
     * Names of the actions that must finish before this one starts. Each must be in the same
     * phase as this action or an earlier one. Defaults to none.
     *
     * @return the names of the actions this one waits for; not null, may be empty
     */
    default Set<String> after() {
        return Set.of();
    }

    /**
     * How long this action may run; empty means the coordinator's default. Must be positive.
     * Whatever it says, the action never runs past the deadline of the whole exit.
     *
     * @return this action's own timeout, or empty for the coordinator's default
     */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }
}
