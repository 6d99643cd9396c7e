package dev.exitguard.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ProcessTerminator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Gives a Guice application an exit coordinator in one line: installing this module binds
 * {@link ExitGuard}, runs every {@link ExitAction} contributed with a {@link Multibinder} (with
 * its dependencies injected) together with those {@link java.util.ServiceLoader} finds, and arms
 * the triggers (SIGINT and SIGTERM with {@code exitguard-signals}) as the injector is created.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new ExitGuardModule(), new AbstractModule() {
 *     protected void configure() {
 *         ExitGuardModule.actions(binder()).addBinding().to(FlushJournal.class);
 *     }
 * });
 *
 * final class FlushJournal implements ExitAction {
 *     private final Journal journal;
 *     @Inject FlushJournal(Journal journal) { this.journal = journal; }
 *     public void run(ExitContext context) throws IOException { journal.flush(); }
 *     public int phase() { return ExitPhase.DRAIN; }
 * }
 * }</pre>
 *
 * <h2>When things happen</h2>
 * <ul>
 *   <li>The guard is an eager singleton: it is built, validated and armed while the injector is
 *       created, in every stage but {@link com.google.inject.Stage#TOOL}. Each multibound action
 *       is provisioned then, once, in its binding's scope; nothing is provisioned at exit.
 *   <li>A misconfigured action (a cycle among {@link ExitAction#after()}, a duplicate name, an
 *       {@code after()} into a later phase, a bad timeout, a constructor that throws) fails
 *       {@code createInjector} with a {@link com.google.inject.CreationException} that lists every
 *       problem, each with the source of the binding it concerns; never the exit.
 *   <li>Each action is registered with its binding's source (for example
 *       {@code Guice binding at com.acme.AppModule.configure(AppModule.java:23)}), which messages
 *       and the plan show.
 *   <li>{@link ExitGuard} can be injected: to {@link ExitGuard#exit(int) exit}, to ask whether an
 *       exit {@link ExitGuard#isExiting() is running}, or to {@link ExitGuard#register(ExitAction)
 *       register} an action at run time.
 * </ul>
 *
 * <h2>One guard per JVM</h2>
 * Signals and the JVM's shutdown belong to one guard per process, the
 * {@linkplain ExitGuard#installed() installed} one. The first injector created with this module
 * installs its guard. An injector created while a guard is already installed (a second injector,
 * a test, an application that called {@link ExitGuard#install()} itself) gets a guard of its own
 * that is <em>not</em> installed: no trigger, no shutdown hook; its actions run only through that
 * guard's {@link ExitGuard#exit(int)} or {@link ExitGuard#runActions}, never on a signal, and one
 * warning says so. Neither injector ever runs the other's actions. {@link Builder#installInJvm
 * installInJvm(false)} asks for such a guard outright, which is what tests usually want.
 *
 * <h2>Closing singletons</h2>
 * With {@link Builder#closeSingletons(boolean) closeSingletons(true)}, every singleton that Guice
 * creates (from a constructor, a {@code @Provides} method or a provider, in singleton scope or as
 * an eager singleton) and that is {@link AutoCloseable} is closed in {@link ExitPhase#RELEASE},
 * each by an action of its own named after its key ({@code close com.acme.Database}), in the
 * reverse order of creation, so that a singleton is closed before the singletons it depends on.
 * Each close has the guard's usual action timeout; one that throws is reported and the others still
 * close. Instances bound with {@code toInstance}, objects outside singleton scope and singletons
 * never created are left alone: nothing is created at exit. A singleton created while the exit is
 * already running cannot get an action of its own (the core refuses registration once the exit
 * has begun); it is closed, before its own dependencies, if an older singleton's close has not
 * started yet, and otherwise left open with a warning naming it. However the exit and the creation
 * of singletons interleave, no singleton is closed twice or before one created after it. One
 * instant is not covered: if a signal arrives between the arming of the triggers and the
 * registration of the closers while the injector is being created, the singletons created so far
 * are left open, each named in a warning.
 *
 * <h2>Module path</h2>
 * The module {@code dev.exitguard.guice} needs no {@code opens}; the application's own packages
 * must be open to {@code com.google.guice}, as Guice always requires.
 *
 * <p>Instances are immutable and thread-safe. Two modules with equal settings are equal, so Guice
 * installs the module once however many modules install it.
 *
 * @since 0.1
 */
public final class ExitGuardModule extends AbstractModule {

    private final ModuleSettings settings;

    /**
     * The module with the default settings: actions and triggers discovered with
     * {@link java.util.ServiceLoader}, the guard installed in the JVM unless one already is,
     * singletons not closed, and the deadline, action timeout and report file of the core (and of
     * its system properties).
     */
    public ExitGuardModule() {
        this(new Builder().settings());
    }

    private ExitGuardModule(ModuleSettings settings) {
        this.settings = settings;
    }

    /**
     * A builder, to configure the module.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The set binder to contribute actions with; the same as
     * {@code Multibinder.newSetBinder(binder, ExitAction.class)}.
     *
     * <pre>{@code
     * ExitGuardModule.actions(binder()).addBinding().to(FlushJournal.class);
     * }</pre>
     *
     * @param binder the binder of the module that adds actions
     * @return the set binder of exit actions
     */
    public static Multibinder<ExitAction> actions(Binder binder) {
        Objects.requireNonNull(binder, "binder");
        return Multibinder.newSetBinder(binder, ExitAction.class);
    }

    @Override
    protected void configure() {
        // Declared even when empty, so that an application without actions of its own still works.
        Multibinder.newSetBinder(binder(), ExitAction.class);
        // Per injector, not per module: a module may be used to create more than one injector.
        SingletonClosing closing = settings.closeSingletons() ? new SingletonClosing() : null;
        if (closing != null) {
            bindListener(SingletonClosing.SINGLETON_BINDINGS, closing);
        }
        bind(ExitGuard.class)
                .toProvider(new GuardProvider(settings, getProvider(Injector.class), closing))
                .asEagerSingleton();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExitGuardModule && ((ExitGuardModule) other).settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "ExitGuardModule" + settings;
    }

    /** What the module was told; equal settings make equal modules. */
    record ModuleSettings(boolean discoverActions, boolean discoverTriggers, Optional<Duration> deadline,
            Optional<Duration> actionTimeout, Optional<Path> reportFile, boolean closeSingletons,
            boolean installInJvm, Optional<ProcessTerminator> terminator,
            List<Consumer<? super ExitGuard.Builder>> customizers) {

        ModuleSettings {
            customizers = List.copyOf(customizers);
        }

        /** A core builder with these settings applied. */
        ExitGuard.Builder coreBuilder() {
            ExitGuard.Builder builder = ExitGuard.builder()
                    .discoverActions(discoverActions)
                    .discoverTriggers(discoverTriggers);
            deadline.ifPresent(builder::deadline);
            actionTimeout.ifPresent(builder::actionTimeout);
            reportFile.ifPresent(builder::reportFile);
            terminator.ifPresent(builder::terminator);
            customizers.forEach(customizer -> customizer.accept(builder));
            return builder;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("[");
            text.append("discoverActions=").append(discoverActions)
                    .append(", discoverTriggers=").append(discoverTriggers);
            deadline.ifPresent(d -> text.append(", deadline=").append(d));
            actionTimeout.ifPresent(d -> text.append(", actionTimeout=").append(d));
            reportFile.ifPresent(p -> text.append(", reportFile=").append(p));
            text.append(", closeSingletons=").append(closeSingletons)
                    .append(", installInJvm=").append(installInJvm);
            terminator.ifPresent(t -> text.append(", terminator=").append(t));
            if (!customizers.isEmpty()) {
                text.append(", ").append(customizers.size()).append(" customizers");
            }
            return text.append(']').toString();
        }
    }

    /**
     * Configures an {@link ExitGuardModule}. Every setting is optional. The durations and the
     * report file given here are defaults that the system properties of the core
     * ({@code exitguard.deadline}, {@code exitguard.actionTimeout}, {@code exitguard.report}, ...)
     * override, as they override {@link ExitGuard.Builder}. Not thread-safe; use one builder from
     * one thread.
     *
     * @since 0.1
     */
    public static final class Builder {
        private boolean discoverActions = true;
        private boolean discoverTriggers = true;
        private Duration deadline;
        private Duration actionTimeout;
        private Path reportFile;
        private boolean closeSingletons;
        private boolean installInJvm = true;
        private ProcessTerminator terminator;
        private final List<Consumer<? super ExitGuard.Builder>> customizers = new ArrayList<>();

        private Builder() {
        }

        /**
         * Whether to run the actions {@link java.util.ServiceLoader} finds besides the multibound
         * ones; default true.
         *
         * @param discover false to run only the multibound actions
         * @return this builder
         */
        public Builder discoverActions(boolean discover) {
            this.discoverActions = discover;
            return this;
        }

        /**
         * Whether to arm the triggers {@link java.util.ServiceLoader} finds (such as the signal
         * trigger of {@code exitguard-signals}); default true. Triggers are armed only when the
         * guard is installed in the JVM.
         *
         * @param discover false to arm no discovered trigger
         * @return this builder
         */
        public Builder discoverTriggers(boolean discover) {
            this.discoverTriggers = discover;
            return this;
        }

        /**
         * The time the whole exit gets; default that of the core (25 s).
         *
         * @param deadline the time of the whole exit
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder deadline(Duration deadline) {
            this.deadline = positive("deadline", deadline);
            return this;
        }

        /**
         * The timeout of an action that names none of its own, the closing of singletons
         * included; by default an action is bounded by the deadline alone.
         *
         * @param actionTimeout the default timeout of an action
         * @return this builder
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder actionTimeout(Duration actionTimeout) {
            this.actionTimeout = positive("actionTimeout", actionTimeout);
            return this;
        }

        /**
         * A file the JSON report of the exit is written to, atomically.
         *
         * @param reportFile the file to write
         * @return this builder
         */
        public Builder reportFile(Path reportFile) {
            this.reportFile = Objects.requireNonNull(reportFile, "reportFile");
            return this;
        }

        /**
         * Whether to close, at exit, the singletons Guice created that are {@link AutoCloseable};
         * default false. See "Closing singletons" in {@link ExitGuardModule}.
         *
         * @param close true to close the {@link AutoCloseable} singletons at exit
         * @return this builder
         */
        public Builder closeSingletons(boolean close) {
            this.closeSingletons = close;
            return this;
        }

        /**
         * Whether the guard may be installed in the JVM, with its triggers armed and its shutdown
         * hook added; default true, which installs it unless a guard is installed already. False
         * never installs it: its actions run only through its own {@link ExitGuard#exit(int)} or
         * {@link ExitGuard#runActions}. Tests usually want false.
         *
         * @param install false never to install the guard in the JVM
         * @return this builder
         */
        public Builder installInJvm(boolean install) {
            this.installInJvm = install;
            return this;
        }

        /**
         * What ends the process after an exit; replace it to let a test run a whole exit, with
         * {@link ExitGuard#exit(int)}, in-process.
         *
         * @param terminator what exits or halts the process
         * @return this builder
         */
        public Builder terminator(ProcessTerminator terminator) {
            this.terminator = Objects.requireNonNull(terminator, "terminator");
            return this;
        }

        /**
         * Applies {@code customizer} to the core builder after every other setting, for what this
         * builder does not offer (report listeners, hand-made triggers, the halt grace, ...).
         * Called each time an injector is created.
         *
         * @param customizer called with the core builder
         * @return this builder
         */
        public Builder customize(Consumer<? super ExitGuard.Builder> customizer) {
            customizers.add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * The module. The builder may be used again; later changes do not affect this module.
         *
         * @return a module with this builder's settings
         */
        public ExitGuardModule build() {
            return new ExitGuardModule(settings());
        }

        private ModuleSettings settings() {
            return new ModuleSettings(discoverActions, discoverTriggers, Optional.ofNullable(deadline),
                    Optional.ofNullable(actionTimeout), Optional.ofNullable(reportFile), closeSingletons, installInJvm,
                    Optional.ofNullable(terminator), customizers);
        }

        private static Duration positive(String what, Duration value) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, but was " + value);
            }
            return value;
        }
    }
}
