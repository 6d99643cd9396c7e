package dev.exitguard.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 *   <li>The guard is an eager singleton: it is built, validated and armed (or the installed one
 *       joined, see below) while the injector is created, in every stage but
 *       {@link com.google.inject.Stage#TOOL}. Each multibound action
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
 * {@linkplain ExitGuard#installed() installed} one. When no guard is installed, the injector builds
 * one with its actions and installs it. When one already is (installed by the {@code -javaagent},
 * by {@code main} with {@link ExitGuard#install()}, by Spring Boot, or by an earlier injector), the
 * injector <em>joins</em> it: its multibound actions are {@linkplain ExitGuard#register(ExitAction,
 * String) registered} with that guard, each with its binding's source, and {@link ExitGuard} is bound
 * to that guard; a signal then runs them with the rest. The installed guard's settings and discovery
 * stand ({@link java.util.ServiceLoader} actions are not discovered twice), so
 * {@link Builder#customize customize()} does not apply, which a warning says. Joining is refused as
 * registration is: an action that clashes with the guard's (a duplicate name, a cycle) fails
 * {@code createInjector} citing its binding and leaves none of the injector's multibound actions
 * registered (the closing of its singletons stays: they were created), and so does an exit that has
 * already begun. {@link Builder#installInJvm installInJvm(false)} gives the
 * injector a guard of its own that is never installed, whatever is: no trigger, no shutdown hook;
 * its actions run only through its {@link ExitGuard#exit(int)} or {@link ExitGuard#runActions},
 * which is what tests usually want.
 *
 * <h2>Closing singletons</h2>
 * With {@link Builder#closeSingletons(boolean) closeSingletons(true)}, every singleton that Guice
 * creates (from a constructor, a {@code @Provides} method or a provider, in singleton scope or as
 * an eager singleton) and that is {@link AutoCloseable} is closed in {@link ExitPhase#RELEASE} by
 * one action, {@code close Guice singletons} ({@code close Guice singletons #2}, ... for further
 * injectors joining one guard), in the reverse order of creation, so that a singleton is closed
 * before the singletons it depends on. Its row of the report says, for each singleton by its key
 * ({@code com.acme.Database}), {@code closed}, {@code failed: <exception>}, or {@code open} (not
 * reached), with the counts {@code closed}, {@code failed} and {@code open}; the first 29 singletons
 * in closing order are named, more are counted. A close that throws is logged and reported, the
 * others still close, and the action fails naming every one that threw. The closes share the
 * action's time (the guard's action timeout, else the deadline): a close that hangs is interrupted
 * with the action, its stack in the report, and the singletons after it stay open. Instances bound
 * with {@code toInstance}, objects outside singleton scope and singletons never created are left
 * alone: nothing is created at exit.
 *
 * <p>The action is in the guard before the guard can begin an exit (added before the guard is
 * installed; registered before the first singleton is created when joining), and it takes the
 * singletons when it starts. So an exit that begins at any moment, while the injector is being
 * created included, closes exactly once every singleton created before the closing started; a
 * singleton created after that is left open, named in a warning, since closing it would close it
 * after what it depends on. Before a guard is installed nothing is armed, and a signal ends the
 * JVM as it would without exitguard.
 *
 * <h2>Module path</h2>
 * The module {@code dev.exitguard.guice} needs no {@code opens}; the application's own packages
 * must be open to {@code com.google.guice}, as Guice always requires.
 *
 * <p>Instances are immutable and thread-safe. Two modules with equal settings are equal, so Guice
 * installs the module once however many modules install it; customizers are equal when they are
 * the same object, so modules that must be equal share one.
 *
 * @since 0.1
 */
public final class ExitGuardModule extends AbstractModule {

    private final ModuleSettings settings;

    /**
     * The module with the default settings: the guard installed in the JVM, or the installed guard
     * joined if there is one; actions and triggers discovered with {@link java.util.ServiceLoader},
     * and every setting of the core's builder and its system properties at their defaults;
     * singletons not closed.
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
    record ModuleSettings(boolean closeSingletons, boolean installInJvm,
            List<Consumer<? super ExitGuard.Builder>> customizers) {

        ModuleSettings {
            customizers = List.copyOf(customizers);
        }

        /** A core builder with these settings applied. */
        ExitGuard.Builder coreBuilder() {
            ExitGuard.Builder builder = ExitGuard.builder();
            for (Consumer<? super ExitGuard.Builder> customizer : customizers) {
                customizer.accept(builder);
            }
            return builder;
        }

        /** What only a guard of the injector's own would use: ignored when joining an installed guard. */
        List<String> setForAGuardOfItsOwn() {
            return customizers.isEmpty() ? List.of() : List.of(customizers.size() + " customize() call(s)");
        }

        @Override
        public String toString() {
            return "[closeSingletons=" + closeSingletons + ", installInJvm=" + installInJvm
                    + (customizers.isEmpty() ? "" : ", " + customizers.size() + " customizers") + "]";
        }
    }

    /**
     * Configures an {@link ExitGuardModule}. Every setting is optional. What the core's builder
     * offers (deadline, action timeout, report file, terminator, discovery, report listeners, ...) is
     * set on it through {@link #customize customize()}, and the system properties of the core
     * ({@code exitguard.deadline}, {@code exitguard.report}, ...) override it there as everywhere.
     * Not thread-safe; use one builder from one thread.
     *
     * <pre>{@code
     * ExitGuardModule.builder()
     *         .closeSingletons(true)
     *         .customize(guard -> guard.deadline(Duration.ofSeconds(20)).reportFile(Path.of("exit.json")))
     *         .build();
     * }</pre>
     *
     * @since 0.1
     */
    public static final class Builder {
        private boolean closeSingletons;
        private boolean installInJvm = true;
        private final List<Consumer<? super ExitGuard.Builder>> customizers = new ArrayList<>();

        private Builder() {
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
         * Whether the injector's actions go to the guard of the JVM; default true: the injector
         * installs a guard of its own, or joins the one already installed (see "One guard per JVM"
         * in {@link ExitGuardModule}). False gives it a guard of its own that is never installed:
         * its actions run only through its {@link ExitGuard#exit(int)} or
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
         * Applies {@code customizer} to the core builder of the injector's own guard: the deadline,
         * the action timeout, the report file, the terminator, discovery, report listeners,
         * hand-made triggers, ... Called each time an injector builds its guard, in the order
         * given; not called when the injector joins an installed guard, whose settings stand.
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
            return new ModuleSettings(closeSingletons, installInJvm, customizers);
        }
    }
}
