package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitTrigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The exit coordinator: runs every {@link ExitAction} once, in order, in parallel where allowed,
 * each bounded in time, when the process exits, and reports what happened.
 *
 * <pre>{@code
 * ExitGuard guard = ExitGuard.install();      // discover, validate, arm; idempotent
 * ExitGuard guard = ExitGuard.builder()       // or configure first
 *         .action(myAction)
 *         .deadline(Duration.ofSeconds(20))
 *         .install();
 * }</pre>
 *
 * <h2>What starts an exit</h2>
 * <ul>
 *   <li>A {@link ExitTrigger}, such as SIGINT or SIGTERM from {@code exitguard-signals}, or a call
 *       to {@link #exit(int)}: the actions run <em>before</em> the JVM's own shutdown begins, so
 *       logging and other libraries are still alive; then the process exits with the reason's
 *       code, and the JVM's other shutdown hooks run.
 *   <li>The JVM's own shutdown ({@code System.exit}, the last non-daemon thread ending): an
 *       installed guard runs the actions from its single shutdown hook.
 * </ul>
 * Whatever starts it, and however often, the first request wins and each action runs at most
 * once. A later signal while the exit runs halts the process at once with that signal's code,
 * naming the actions still running (configurable; a repeat within a short window is taken as
 * the same signal, as when a shell and a wrapper both forward one Ctrl-C).
 *
 * <h2>Which code the process exits with</h2>
 * The first exit's, as with {@code System.exit}: an {@link #exit(int)} during a signal's exit
 * joins it and never ends the process with its own code. The report's reason and code are the
 * ones the process really exits with: if a {@code System.exit} (in the application, or in an
 * action) begins the JVM's shutdown while a signal's exit runs, the process exits with that call's
 * status, and the report says {@code JVM_SHUTDOWN} with the code unknown, not the signal. A
 * {@code System.exit} inside an action while the JVM's own shutdown runs the exit waits for ever,
 * as the JDK specifies, so it never changes the status: the one given first ({@code 0} when
 * {@code main} returned) stays. After {@link #runActions}, which ends nothing, the first signal or
 * {@code exit(int)} ends the process with its code, without running the actions again.
 *
 * <h2>Failures of its own</h2>
 * A failing action, even one whose exception's {@code toString()} or {@code getMessage()} throws,
 * is recorded; a report listener that throws, {@link Error}s included, is logged and the other
 * listeners still run; neither delays the exit. When the JVM cannot start a thread for an action
 * (a process or container limit on threads), the action waits for one rather than being lost:
 * each thread that frees up takes the next waiting action, and threads are asked for again every
 * 20 ms; the action's timeout and the deadline still bound it, and one that never gets a thread is
 * reported as not started, saying why. The coordinator itself needs no new thread for that, and
 * every later phase still runs within the deadline.
 *
 * <h2>Order and time</h2>
 * Phases run in ascending order, each a barrier; inside a phase an action starts the moment
 * everything it is {@link ExitAction#after() after} has finished. The whole exit has a deadline
 * (default 25 s, inside Kubernetes' 30 s grace), and a phase may have a budget of its own
 * ({@link Builder#phaseTimeout}); an action past its own timeout, its phase's budget or the deadline
 * is interrupted, its stack captured into the report, and the exit goes on without it. If the JVM's
 * shutdown then outlives the deadline plus the halt grace (default 5 s), a watchdog halts it.
 * Calling {@code System.exit} inside an action does not deadlock: the action counts as finished
 * and the rest go on.
 *
 * <h2>Configuration</h2>
 * System properties, read at install, override the builder: {@code exitguard.deadline},
 * {@code exitguard.haltGrace}, {@code exitguard.actionTimeout} (durations such as {@code 25s},
 * {@code 500ms} or {@code PT25S}), {@code exitguard.report} (a file for the JSON report),
 * {@code exitguard.secondSignal} ({@code halt} or {@code ignore}),
 * {@code exitguard.duplicateSignalWindow}, {@code exitguard.phaseTimeout.<PHASE>} (the budget of a
 * phase, named or numbered: {@code exitguard.phaseTimeout.DRAIN=10s}), {@code exitguard.foreignHooks}
 * ({@code leave} or {@code adopt}: see {@link Builder#adoptForeignHooks(boolean)}). A bad value fails
 * the install with a message naming the property.
 *
 * <p>Thread-safe. At most one guard is installed in a JVM at a time ({@link #installed()});
 * guards made with {@link Builder#build()} are not installed and run only when told to.
 *
 * @since 0.1
 */
public final class ExitGuard {

    private static final Object INSTALL_LOCK = new Object();
    private static ExitGuard installed;

    private final GuardSettings settings;
    private final List<String> discoveryWarnings;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final ActionRegistry registry;
    private final TriggerArming arming;
    private final ExitSequence sequence;

    ExitGuard(Builder builder, GuardSettings settings, List<ActionEntry> entries, List<ExitTrigger> triggers,
            List<String> discoveryWarnings) {
        this.settings = settings;
        this.discoveryWarnings = List.copyOf(discoveryWarnings);
        this.workers = builder.workers != null ? builder.workers : Workers.shared();
        this.timer = builder.timer != null ? builder.timer : Workers.timer();
        this.registry = new ActionRegistry(entries);
        this.arming = new TriggerArming(triggers);
        this.sequence = new ExitSequence(this, settings, registry, arming, builder.terminator,
                new Publication(settings, builder.listeners, builder.quiet, builder.ticker), workers, timer,
                builder.ticker, builder.quiet);
    }

    /**
     * Returns the installed guard, installing one first if there is none: its actions and
     * triggers are those {@link java.util.ServiceLoader} finds, its settings those of the system
     * properties. Safe to call from anywhere, any number of times.
     *
     * @return the guard installed in this JVM
     * @throws ExitConfigurationException listing every problem, if the actions or properties are invalid
     */
    public static ExitGuard install() {
        synchronized (INSTALL_LOCK) {
            return installed != null ? installed : builder().install();
        }
    }

    /**
     * The guard installed in this JVM, if there is one.
     *
     * @return the installed guard, or empty if none is installed
     */
    public static Optional<ExitGuard> installed() {
        synchronized (INSTALL_LOCK) {
            return Optional.ofNullable(installed);
        }
    }

    /**
     * A builder, to add actions by hand or change the deadline, the report or the terminator.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds an action after the guard was built. It is validated against the actions already
     * there, as at install.
     *
     * @param action the action to add
     * @return a handle that removes the action again
     * @throws ExitConfigurationException if the action breaks a rule (duplicate name, cycle,
     *     {@code after()} into a later phase, bad timeout)
     * @throws IllegalStateException if the exit has already begun; everything registered before
     *     it runs, nothing after
     */
    public ExitRegistration register(ExitAction action) {
        Objects.requireNonNull(action, "action");
        return register(action, "ExitGuard.register() from " + caller());
    }

    /**
     * Adds an action, naming where it came from ({@code source}) for messages and the plan; for
     * adapters such as the Guice module.
     *
     * @param action the action to add
     * @param source where it came from, in a few words
     * @return a handle that removes the action again
     * @see #register(ExitAction)
     */
    public ExitRegistration register(ExitAction action, String source) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(source, "source");
        return registry.register(action, source);
    }

    /**
     * Runs the actions, then exits the process with {@code status}. Does not return, unless the
     * {@link Builder#terminator terminator} was replaced.
     *
     * <p>The first exit's code is the process's code, as with {@code System.exit}: if an exit that
     * ends the process is already running (a signal's, or another {@code exit}), this call joins
     * it, and the process exits with that exit's code, never with {@code status}; if the JVM's own
     * shutdown is under way ({@code System.exit} elsewhere), it waits for the report and then for
     * the JVM to end, as {@code Runtime.exit} does during a shutdown. After {@link #runActions},
     * which does not end the process, it ends the process with {@code status} without running the
     * actions again. Called from inside an action of the running exit, returns at once: the exit
     * is already under way, and waiting for it there would wait for the caller itself.
     *
     * @param status the status the process exits with, unless another exit came first
     */
    public void exit(int status) {
        sequence.exit(status);
    }

    /**
     * Runs the actions in-process and returns the report, without exiting: for tests, and for
     * applications that end the process themselves. The actions still run only once: a second call,
     * or a call while an exit runs, returns the report of that exit (waiting for it, bounded by its
     * deadline and halt grace).
     *
     * <p>The process lives on, and the guard's triggers stay armed: a signal that arrives later (or
     * while these actions run) ends the process with that signal's code once the actions are over,
     * through the JVM's normal exit, so the JVM's other shutdown hooks run; the actions do not run
     * again and the report is not published again. A further signal while that exit runs is a
     * second signal. {@link #exit(int)} after this call does the same with its status.
     *
     * @param reason the reason the report and the actions' contexts give
     * @return the report of the exit: this call's, or that of the exit that ran first
     * @throws IllegalStateException if called from inside one of this guard's actions
     */
    public ExitReport runActions(ExitReason reason) {
        Objects.requireNonNull(reason, "reason");
        return sequence.runActions(reason);
    }

    /**
     * Whether an exit has begun (it may have finished too).
     *
     * @return true once an exit has begun
     */
    public boolean isExiting() {
        return sequence.currentRun() != null;
    }

    /**
     * The report of the exit, once it has finished.
     *
     * @return the report of the finished exit, or empty while none has finished
     */
    public Optional<ExitReport> report() {
        return sequence.report();
    }

    /**
     * The deadline the whole exit gets.
     *
     * @return the deadline of the whole exit
     */
    public Duration deadline() {
        return settings.deadline();
    }

    /**
     * What is worth fixing, though it does not stop the guard: providers that failed to load, and
     * {@code after()} names that no registered action has (as of now).
     *
     * @return the warnings, one sentence each; unmodifiable
     */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(discoveryWarnings);
        Validation.check(registry.entries(), new Problems(), all);
        return List.copyOf(all);
    }

    /**
     * What this guard will do at exit, as of now: see {@link ExitPlan}. Logged at install when
     * {@code exitguard.plan=true}.
     *
     * @return the plan as of now
     */
    public ExitPlan plan() {
        List<ActionEntry> entries = registry.entries();
        boolean isInstalled = arming.hookAdded();
        List<ExitPlan.Step> steps = new ArrayList<>();
        for (ActionEntry entry : RunOrder.of(entries)) {
            steps.add(new ExitPlan.Step(entry.name(), entry.phase(), entry.after(), entry.timeout(), entry.source()));
        }
        List<String> planWarnings = new ArrayList<>(warnings());
        planWarnings.addAll(PhaseTimeouts.unused(settings.phaseTimeouts(), entries));
        return new ExitPlan(settings.deadline(), settings.haltGrace(), settings.actionTimeout(), isInstalled,
                arming.planned(isInstalled), steps, planWarnings, settings.phaseTimeouts());
    }

    /**
     * The names of the actions registered now, in no particular order.
     *
     * @return the names of the registered actions; unmodifiable
     */
    public List<String> actionNames() {
        return registry.names();
    }

    /**
     * Undoes {@link Builder#install()}: disarms the triggers, removes the shutdown hook, and lets
     * another guard be installed. Registered actions stay, and {@link #runActions} still works.
     * Does nothing if this guard is not installed.
     */
    public void uninstall() {
        synchronized (INSTALL_LOCK) {
            if (installed != this) {
                return;
            }
            installed = null;
            arming.disarm();
            ForeignHooks.release(this); // every adopted hook not yet started goes back to the JVM
        }
    }

    @Override
    public String toString() {
        ExitRun run = sequence.currentRun();
        return "ExitGuard[" + registry.size() + " actions, deadline " + Durations.format(settings.deadline())
                + (run != null ? ", exiting: " + run.reason() : "") + "]";
    }

    /** What a trigger's request does: see {@link ExitSequence}. */
    void requestExit(ExitReason reason) {
        Objects.requireNonNull(reason, "reason");
        sequence.requestExit(reason);
    }

    /** The JVM shutdown hook of an installed guard, else null: running it does what the JVM's shutdown does. */
    Thread shutdownHook() {
        return arming.hook();
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(ExitGuard.class.getName())
                        && !f.getClassName().startsWith(ExitGuard.class.getName() + "$"))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName()
                        + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : ""))
                .orElse("an unknown caller"));
    }

    /**
     * Configures and creates an {@link ExitGuard}. Not thread-safe; use one builder from one thread.
     *
     * <p>Unless told otherwise it also discovers actions and triggers with
     * {@link java.util.ServiceLoader}. System properties (or the source given to
     * {@link #properties(Function)}), read when {@link #build()} or {@link #install()} is called,
     * override what the builder was told.
     *
     * @since 0.1
     */
    public static final class Builder {
        final List<Discovery.Found<ExitAction>> actions = new ArrayList<>();
        final List<ExitTrigger> triggers = new ArrayList<>();
        final List<Consumer<? super ExitReport>> listeners = new ArrayList<>();
        Duration deadline;
        Duration haltGrace;
        Duration actionTimeout;
        Path reportFile;
        Boolean haltOnSecondSignal;
        Duration duplicateSignalWindow;
        Boolean logPlan;
        ProcessTerminator terminator = ProcessTerminator.jvm();
        boolean discoverActions = true;
        boolean discoverTriggers = true;
        ClassLoader classLoader;
        Function<String, String> properties = PropertySources.SystemProperties.INSTANCE;
        Supplier<? extends Collection<String>> propertyNames = PropertySources.SystemProperties.INSTANCE;
        final Map<Integer, Duration> phaseTimeouts = new TreeMap<>();
        Executor workers;
        ScheduledExecutorService timer;
        Ticker ticker = Ticker.SYSTEM;
        boolean quiet;
        Boolean adoptForeignHooks;

        private Builder() {
        }

        /**
         * Adds an action, besides those discovered.
         *
         * @param action the action to add
         * @return this builder
         */
        public Builder action(ExitAction action) {
            Objects.requireNonNull(action, "action");
            return action(action, "ExitGuard.builder().action() from " + caller());
        }

        /**
         * Adds an action, naming where it came from for messages and the plan (for example a
         * Guice binding's source).
         *
         * @param action the action to add
         * @param source where it came from, in a few words
         * @return this builder
         */
        public Builder action(ExitAction action, String source) {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(source, "source");
            actions.add(new Discovery.Found<>(action, source));
            return this;
        }

        /**
         * Adds actions, besides those discovered.
         *
         * @param actions the actions to add; none of them null
         * @return this builder
         */
        public Builder actions(Iterable<? extends ExitAction> actions) {
            Objects.requireNonNull(actions, "actions");
            String source = "ExitGuard.builder().actions() from " + caller();
            for (ExitAction action : actions) {
                action(Objects.requireNonNull(action, "an element of actions"), source);
            }
            return this;
        }

        /**
         * Adds a trigger; it replaces a discovered trigger of the same {@link ExitTrigger#name()}.
         *
         * @param trigger the trigger to add
         * @return this builder
         */
        public Builder trigger(ExitTrigger trigger) {
            triggers.add(Objects.requireNonNull(trigger, "trigger"));
            return this;
        }

        /**
         * The time the whole exit gets; default 25 s. Property {@code exitguard.deadline} overrides it.
         *
         * @param deadline the time of the whole exit; positive, at most a day
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = Durations.checkPositive("deadline", deadline);
            return this;
        }

        /**
         * The time the JVM's own shutdown gets after the deadline before a watchdog halts it;
         * default 5 s. Property {@code exitguard.haltGrace} overrides it.
         *
         * @param haltGrace the time after the deadline; not negative, at most a day
         * @return this builder
         */
        public Builder haltGrace(Duration haltGrace) {
            this.haltGrace = Durations.checkRange("haltGrace", haltGrace);
            return this;
        }

        /**
         * The timeout of an action that names none; by default there is none beyond the deadline.
         * Property {@code exitguard.actionTimeout} overrides it.
         *
         * @param actionTimeout the default timeout of an action; positive, at most a day
         * @return this builder
         */
        public Builder actionTimeout(Duration actionTimeout) {
            this.actionTimeout = Durations.checkPositive("actionTimeout", actionTimeout);
            return this;
        }

        /**
         * A file to write the JSON report to, atomically, at every exit. Property
         * {@code exitguard.report} overrides it.
         *
         * @param reportFile the file to write; its folder must exist by the time of the exit
         * @return this builder
         */
        public Builder reportFile(Path reportFile) {
            this.reportFile = Objects.requireNonNull(reportFile, "reportFile");
            return this;
        }

        /**
         * Called with the report of every exit, after it is logged; a listener that throws is logged.
         *
         * @param listener called once per exit with its report
         * @return this builder
         */
        public Builder onReport(Consumer<? super ExitReport> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Whether a second signal during the exit halts the process at once (true, the default) or
         * is ignored. Property {@code exitguard.secondSignal} ({@code halt} or {@code ignore})
         * overrides it.
         *
         * @param halt true to halt on a second signal, false to ignore it
         * @return this builder
         */
        public Builder haltOnSecondSignal(boolean halt) {
            this.haltOnSecondSignal = halt;
            return this;
        }

        /**
         * How soon after the first a signal is taken as the same request rather than a second one;
         * default 250 ms. A shell delivers one Ctrl-C to a whole process group, and a wrapper that
         * forwards it makes a JVM receive it twice. Property
         * {@code exitguard.duplicateSignalWindow} overrides it.
         *
         * @param window the time within which a repeated signal is the same; not negative, at most a day
         * @return this builder
         */
        public Builder duplicateSignalWindow(Duration window) {
            this.duplicateSignalWindow = Durations.checkRange("duplicateSignalWindow", window);
            return this;
        }

        /**
         * Whether the installed guard adopts the JVM's other shutdown hooks: those any library
         * registers with {@link Runtime#addShutdownHook}, before or after install, then run inside
         * the exit, in its last phase ({@link dev.exitguard.api.ExitPhase#SHUTDOWN_HOOKS}), all at
         * once as the JVM would start them, each a report row {@code shutdown hook <thread name>},
         * bounded by the deadline, on every exit path; logging backends' hooks run after the report.
         * Needs {@code java.lang} opened to exitguard ({@code exitguard-agent} does it, or
         * {@code --add-opens java.base/java.lang=dev.exitguard.core}, {@code =ALL-UNNAMED} on the class
         * path); without it, one warning at install, and the hooks stay with the JVM. Default false
         * ({@code leave}), {@code exitguard-agent} makes it true; property {@code exitguard.foreignHooks}
         * ({@code leave} or {@code adopt}) overrides it. Only {@link #install()} adopts.
         *
         * @param adopt true to adopt them, false to leave them to the JVM
         * @return this builder
         * @since 0.1
         */
        public Builder adoptForeignHooks(boolean adopt) {
            this.adoptForeignHooks = adopt;
            return this;
        }

        /**
         * The budget of {@code phase}: when it has run that long, the actions of the phase still
         * running are interrupted as if their own timeout had passed (their stacks go into the
         * report), those still waiting for an {@code after()} are skipped, and the next phase begins.
         * An action's {@link dev.exitguard.api.ExitContext#remaining()} counts the budget in. By
         * default a phase has none; the deadline bounds it. Property
         * {@code exitguard.phaseTimeout.<PHASE>} ({@code exitguard.phaseTimeout.DRAIN=10s}, the phase
         * by name or number) overrides it.
         *
         * @param phase the phase, e.g. {@link dev.exitguard.api.ExitPhase#DRAIN}
         * @param budget how long the phase may run; positive, at most a day
         * @return this builder
         * @throws IllegalArgumentException if {@code budget} is not positive or longer than a day
         */
        public Builder phaseTimeout(int phase, Duration budget) {
            phaseTimeouts.put(phase, PhaseTimeouts.check(phase, budget));
            return this;
        }

        /**
         * Whether to log the plan at install. Property {@code exitguard.plan} overrides it.
         *
         * @param logPlan true to log the plan at install
         * @return this builder
         */
        public Builder logPlan(boolean logPlan) {
            this.logPlan = logPlan;
            return this;
        }

        /**
         * What ends the process after an exit; replace it to run exits in-process in tests.
         *
         * @param terminator what exits or halts the process
         * @return this builder
         */
        public Builder terminator(ProcessTerminator terminator) {
            this.terminator = Objects.requireNonNull(terminator, "terminator");
            return this;
        }

        /**
         * Whether to add the actions {@link java.util.ServiceLoader} finds; default true.
         *
         * @param discover false to use only the actions added to this builder
         * @return this builder
         */
        public Builder discoverActions(boolean discover) {
            this.discoverActions = discover;
            return this;
        }

        /**
         * Whether to add the triggers {@link java.util.ServiceLoader} finds; default true.
         *
         * @param discover false to use only the triggers added to this builder
         * @return this builder
         */
        public Builder discoverTriggers(boolean discover) {
            this.discoverTriggers = discover;
            return this;
        }

        /**
         * The class loader to discover with; default the thread's context class loader.
         *
         * @param classLoader the class loader {@link java.util.ServiceLoader} searches
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Where the {@code exitguard.*} settings are read from, in place of the system properties:
         * a function from a property name, as {@link ExitGuard} documents it (for example
         * {@code exitguard.deadline}), to its value, or to null where it is not set. For a
         * framework with a configuration of its own: the Spring Boot adapter reads Spring's
         * {@code Environment} through it, which holds the system properties too.
         *
         * <p>The function is asked during {@link #build()} and {@link #install()} only, on the
         * calling thread. What it returns is read as a system property would be, and overrides
         * the builder in the same way; a bad value fails with the name that was asked for. A
         * function that throws fails the build with that exception. Only the settings of this
         * guard are read through it; a trigger such as {@code exitguard-signals} reads its own
         * system property. Since a function cannot list its names, the budgets of phases are asked
         * for by the phases' names ({@code exitguard.phaseTimeout.DRAIN}); a phase by number or
         * offset ({@code exitguard.phaseTimeout.-1000}) is found when the system properties hold it.
         *
         * @param properties a property's name to its value, or null; default
         *     {@link System#getProperty(String)}
         * @return this builder
         * @since 0.1
         */
        public Builder properties(Function<String, String> properties) {
            this.properties = Objects.requireNonNull(properties, "properties");
            this.propertyNames = PropertySources.ProbedPropertyNames.INSTANCE;
            return this;
        }

        /** Properties from {@code map}, read when the guard is built; families of keys are found too. */
        Builder properties(Map<String, String> map) {
            Objects.requireNonNull(map, "map");
            this.properties = map::get;
            this.propertyNames = map::keySet;
            return this;
        }

        Builder workers(Executor workers, ScheduledExecutorService timer) {
            this.workers = Objects.requireNonNull(workers, "workers");
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        Builder quiet() {
            this.quiet = true;
            return this;
        }

        /**
         * Creates a guard that is not installed: no trigger is armed and no shutdown hook added,
         * so its actions run only through {@link ExitGuard#runActions} or {@link ExitGuard#exit}.
         *
         * @return a guard that is not installed
         * @throws ExitConfigurationException listing every problem found
         */
        public ExitGuard build() {
            return new GuardAssembly(this).build();
        }

        /**
         * Builds the guard and installs it: adds its JVM shutdown hook and arms its triggers. It
         * then is {@link ExitGuard#installed()}.
         *
         * @return the guard, now installed in this JVM
         * @throws ExitConfigurationException listing every problem found, including triggers that
         *     cannot be armed
         * @throws IllegalStateException if a guard is already installed in this JVM;
         *     {@link ExitGuard#install()} returns it, {@link ExitGuard#uninstall()} removes it
         */
        public ExitGuard install() {
            synchronized (INSTALL_LOCK) {
                if (installed != null) {
                    throw new IllegalStateException("an ExitGuard is already installed in this JVM (" + installed
                            + "); ExitGuard.install() returns it, and register() adds actions to it");
                }
                // Before the guard is built, so that what it logs already reaches them (see LoggingBackend).
                LoggingBackends.discover(classLoader);
                GuardAssembly assembly = new GuardAssembly(this);
                ExitGuard guard = assembly.build();
                guard.arming.arm(guard.sequence, guard.settings, ticker);
                installed = guard;
                if (assembly.adoptForeignHooks()) {
                    ForeignHooks.adopt(guard); // after arming: the guard's own hook stays with the JVM
                }
                Warmup.start(guard.workers, guard.timer);
                if (guard.settings.logPlan()) {
                    Log.info(guard.plan().toText());
                }
                return guard;
            }
        }
    }
}
