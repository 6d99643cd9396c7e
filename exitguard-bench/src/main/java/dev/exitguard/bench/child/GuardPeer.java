package dev.exitguard.bench.child;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/** exitguard: phases in order, {@code after()} edges kept, everything else in parallel. */
final class GuardPeer {

    /** Plan phase {@code i} runs in {@code PHASES[i]}. */
    private static final int[] PHASES = {
        ExitPhase.STOP_INTAKE, ExitPhase.DRAIN, ExitPhase.DEFAULT, ExitPhase.RELEASE, ExitPhase.TELEMETRY};

    private GuardPeer() {
    }

    /**
     * The plan as exitguard actions in an installed guard (so its exit path is warmed as in an
     * application); the exit is {@code runActions}, the exit's machinery without the JVM exiting.
     */
    static InProcess prepare(Plan plan, IntConsumer work) {
        List<ExitAction> actions = new ArrayList<>(plan.steps().size());
        for (Plan.Step step : plan.steps()) {
            int index = step.index();
            actions.add(ExitActions.named(step.name())
                    .phase(PHASES[step.phase()])
                    .after(plan.afterNames(step).toArray(String[]::new))
                    .run(context -> work.accept(index)));
        }
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
        ExitGuard guard = ExitGuard.builder()
                .discoverActions(false)
                .discoverTriggers(false)
                .deadline(Duration.ofMinutes(5))
                .actions(actions)
                .install();
        return new InProcess() {
            @Override
            public void exit() {
                guard.runActions(ExitReason.programmatic(0, "bench"));
            }

            @Override
            public void close() {
                guard.uninstall();
            }
        };
    }

    static void stuck() {
        ExitGuard.builder()
                .discoverActions(false)
                .deadline(Duration.ofMillis(Child.STUCK_DEADLINE_MILLIS))
                .action(ExitActions.named("never-returns").run(context -> Child.stuckForever()))
                .install();
    }

    /**
     * Workload 5. With {@code triggers}, the signal is taken by the {@code ExitTrigger}s
     * ServiceLoader finds ({@code exitguard-signals}); without, the exit begins in the JVM and
     * exitguard's shutdown hook runs the action.
     */
    static void signal(boolean triggers) {
        ExitGuard.builder()
                .discoverActions(false)
                .discoverTriggers(triggers)
                .action(ExitActions.named("first").phase(ExitPhase.STOP_INTAKE).run(context -> Child.printFirstAction()))
                .install();
        String names = triggers
                ? ServiceLoader.load(ExitTrigger.class).stream().map(p -> p.type().getName()).collect(Collectors.joining(","))
                : "";
        Child.out().println("triggers=" + names);
    }

    /** Workload 6: the whole of it, discovery of the 100 actions included. */
    static void startup() {
        ExitGuard.install();
    }

    /**
     * What workload 6 costs without exitguard: the JDK's {@link ServiceLoader} instantiating the
     * same 100 actions, nothing else.
     */
    static void loadStartupActions() {
        int count = 0;
        for (ExitAction action : ServiceLoader.load(ExitAction.class)) {
            count += action.phase() == ExitPhase.DEFAULT ? 1 : 0;
        }
        if (count != Child.STARTUP_ACTIONS) {
            throw new IllegalStateException("found " + count + " start-up actions, not " + Child.STARTUP_ACTIONS);
        }
    }

    /**
     * Workload 10: {@code count} no-op actions given to the builder, the triggers ServiceLoader
     * finds ({@code exitguard-signals}) armed; SIGTERM runs them, then the process exits.
     */
    static void armed(int count) {
        List<ExitAction> actions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            actions.add(new NoOp(Plan.noOpName(i)));
        }
        ExitGuard.builder().discoverActions(false).actions(actions).install();
    }

    /** Memory: {@code count} no-op actions, registered. */
    static Object register(int count) {
        List<ExitAction> actions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            actions.add(new NoOp(Plan.noOpName(i)));
        }
        return ExitGuard.builder().discoverActions(false).discoverTriggers(false).actions(actions).install();
    }

    /** The smallest action a user writes: a name and nothing to do. */
    private static final class NoOp implements ExitAction {
        private final String name;

        NoOp(String name) {
            this.name = name;
        }

        @Override
        public void run(ExitContext context) {
        }

        @Override
        public String name() {
            return name;
        }
    }
}
