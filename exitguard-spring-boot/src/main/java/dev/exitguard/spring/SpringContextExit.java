package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitConfigurationException;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitRegistration;
import dev.exitguard.signals.SignalTrigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What exitguard does for one application context: the guard it belongs to (installed from the
 * context's {@code Environment} unless one already is), and the exit actions registered for it
 * ({@code spring-readiness}, {@code spring-pre-stop}, {@code spring-context} and its
 * {@code ExitAction} beans). Kept in the context as the singleton {@link #BEAN_NAME}.
 *
 * <p>Its actions leave the guard when the context closes or fails outside an exit: they belong to
 * the context, and a context closed by its application (a test, {@code SpringApplication.exit})
 * has nothing left to close or to run at the process's exit. Thread-safe.
 */
final class SpringContextExit {

    static final String BEAN_NAME = "dev.exitguard.spring.contextExit";

    static final String READINESS = "spring-readiness";
    static final String PRE_STOP = "spring-pre-stop";
    static final String CONTEXT = "spring-context";
    static final String HANDLERS = "spring-shutdown-handlers";

    private static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    /**
     * The guard this adapter installed, with the settings it read for it: a later context compares
     * its own settings with these. Guarded by the class.
     */
    private static Installed installedHere;

    private record Installed(ExitGuard guard, Map<String, String> settings) {
    }

    private final ConfigurableApplicationContext context;
    private final ExitGuard guard;
    /** Null for the first context, whose actions keep their plain names. */
    private final String qualifier;
    private final Object lock = new Object();
    private final List<ExitRegistration> registrations = new ArrayList<>();
    private boolean withdrawn;
    private boolean beanActionsRegistered;

    private SpringContextExit(ConfigurableApplicationContext context, ExitGuard guard, String qualifier) {
        this.context = context;
        this.guard = guard;
        this.qualifier = qualifier;
    }

    /**
     * This context's exit, taking it over now if it was not before it was refreshed (a context that
     * {@code SpringApplication} did not start).
     */
    static SpringContextExit of(ConfigurableApplicationContext context) {
        synchronized (SpringContextExit.class) {
            Object existing = context.getBeanFactory().getSingleton(BEAN_NAME);
            if (existing != null) {
                return (SpringContextExit) existing;
            }
            SpringContextExit exit = takeOver(context, SpringSettings.read(context.getEnvironment()));
            context.getBeanFactory().registerSingleton(BEAN_NAME, exit);
            return exit;
        }
    }

    /**
     * Installs the guard from the context's {@code Environment}, or joins the one installed, and
     * registers the context's own actions.
     *
     * @throws ExitConfigurationException listing every problem, each bad setting with where it came from
     */
    static SpringContextExit takeOver(ConfigurableApplicationContext context, SpringSettings settings) {
        ExitGuard guard = guardFor(context);
        String qualifier = guard.actionNames().contains(CONTEXT) ? freeQualifier(guard, context.getId()) : null;
        SpringContextExit exit = new SpringContextExit(context, guard, qualifier);
        exit.registerOwnActions(settings);
        context.addApplicationListener(new Closed(exit));
        return exit;
    }

    /** The installed guard: the one already there, or one installed now with the context's settings. */
    private static ExitGuard guardFor(ConfigurableApplicationContext context) {
        synchronized (SpringContextExit.class) {
            Optional<ExitGuard> installed = ExitGuard.installed();
            if (installed.isPresent()) {
                warnAboutSettingsNotApplied(installed.get(), context);
                return installed.get();
            }
            EnvironmentProperties properties = new EnvironmentProperties(context.getEnvironment());
            ExitGuard.Builder builder = ExitGuard.builder().properties(properties);
            List<String> problems = new ArrayList<>();
            signalsFromEnvironment(properties, problems).ifPresent(builder::trigger);
            String headline = "exitguard cannot be installed for application context '" + context.getId() + "'";
            if (!problems.isEmpty()) {
                throw new ExitConfigurationException(headline, problems);
            }
            ExitGuard guard;
            try {
                guard = builder.install();
            } catch (ExitConfigurationException e) {
                throw properties.withOrigins(headline, e);
            }
            installedHere = new Installed(guard, properties.values());
            return guard;
        }
    }

    /**
     * {@code exitguard.signals} set in the {@code Environment} but not as a system property (which
     * {@code exitguard-signals} reads itself): a trigger for those signals.
     */
    private static Optional<SignalTrigger> signalsFromEnvironment(EnvironmentProperties properties,
            List<String> problems) {
        String names = properties.apply(SignalTrigger.SIGNALS_PROPERTY);
        if (names == null || System.getProperty(SignalTrigger.SIGNALS_PROPERTY) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SignalTrigger.of(Arrays.stream(names.split(",")).map(String::strip).toArray(String[]::new)));
        } catch (IllegalArgumentException e) {
            problems.add(SignalTrigger.SIGNALS_PROPERTY + ": [" + names + "] " + e.getMessage() + " (from "
                    + properties.origin(SignalTrigger.SIGNALS_PROPERTY) + ")");
            return Optional.empty();
        }
    }

    /**
     * A guard installed before this context keeps its settings; says which of the context's
     * {@code exitguard.*} settings are therefore not applied.
     */
    private static void warnAboutSettingsNotApplied(ExitGuard guard, ConfigurableApplicationContext context) {
        List<String> ignored = new ArrayList<>();
        if (installedHere != null && installedHere.guard() == guard) {
            // Installed for an earlier context: only what this context says differently is lost.
            EnvironmentProperties now = new EnvironmentProperties(context.getEnvironment());
            installedHere.settings().forEach((name, value) -> {
                String mine = now.apply(name);
                if (!Objects.equals(mine, value)) {
                    ignored.add(name + "=" + mine + " (from " + now.origin(name) + "; the guard has " + value + ")");
                }
            });
        } else {
            for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
                if (source instanceof EnumerablePropertySource<?> enumerable
                        && !StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
                    for (String name : enumerable.getPropertyNames()) {
                        if (name.startsWith("exitguard.") && !name.startsWith(SpringSettings.PREFIX + ".")) {
                            ignored.add(name + " (from property source '" + source.getName() + "')");
                        }
                    }
                }
            }
        }
        if (!ignored.isEmpty()) {
            LOGGER.log(System.Logger.Level.WARNING, "an ExitGuard was installed before application context '"
                    + context.getId() + "' started (" + guard + "), and keeps its settings: " + ignored
                    + " are not applied. Set them as system properties (or agent options) to reach that guard");
        }
    }

    /** {@code id}, or {@code id#2}, ... whichever no context has taken in this guard. */
    private static String freeQualifier(ExitGuard guard, String id) {
        Set<String> taken = new HashSet<>(guard.actionNames());
        String qualifier = id;
        for (int n = 2; taken.contains(qualified(CONTEXT, qualifier)); n++) {
            qualifier = id + "#" + n;
        }
        return qualifier;
    }

    private static String qualified(String name, String qualifier) {
        return qualifier == null ? name : name + " (" + qualifier + ")";
    }

    /** The name an action of this context has in the guard. */
    String nameOf(String name) {
        return qualified(name, qualifier);
    }

    ExitGuard guard() {
        return guard;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    private void registerOwnActions(SpringSettings settings) {
        String source = "exitguard-spring-boot, for application context '" + context.getId() + "'";
        List<ActionBatch.Sourced> actions = new ArrayList<>();
        actions.add(new ActionBatch.Sourced(new ReadinessAction(context, nameOf(READINESS)), source));
        Set<String> closeAfter = new LinkedHashSet<>();
        closeAfter.add(nameOf(READINESS));
        if (!settings.preStopDelay().isZero()) {
            actions.add(new ActionBatch.Sourced(ExitActions.named(nameOf(PRE_STOP)).phase(ExitPhase.STOP_INTAKE)
                    .after(nameOf(READINESS)).delay(settings.preStopDelay()), source));
            closeAfter.add(nameOf(PRE_STOP));
        }
        // Closing waits for readiness and the pre-stop pause, unless it was put in a phase before theirs.
        Set<String> after = settings.contextPhase() >= ExitPhase.STOP_INTAKE ? closeAfter : Set.of();
        actions.add(new ActionBatch.Sourced(new QualifiedAction(new ContextCloseAction(context), nameOf(CONTEXT),
                settings.contextPhase(), after, settings.contextTimeout()), source));
        if (ShutdownHandlersAction.supported()) {
            // As Spring Boot's own hook does: its handlers once the context is closed.
            actions.add(new ActionBatch.Sourced(new QualifiedAction(new ShutdownHandlersAction(nameOf(HANDLERS)),
                    nameOf(HANDLERS), settings.contextPhase(), Set.of(nameOf(CONTEXT)), Optional.empty()), source));
        } else {
            LOGGER.log(System.Logger.Level.WARNING, "this Spring Boot does not let exitguard run the handlers of"
                    + " SpringApplication.getShutdownHandlers() inside the exit: they run from Spring Boot's own JVM"
                    + " shutdown hook, beside it");
        }
        register(actions, "the exit actions of application context '" + context.getId() + "'");
    }

    /**
     * Registers the context's {@code ExitAction} beans, all or none.
     *
     * @param beans each bean's name, with the action
     * @throws ExitConfigurationException listing every problem, each naming the beans concerned
     */
    void registerBeanActions(Map<String, ExitAction> beans, Map<String, String> sources) {
        synchronized (lock) {
            if (beanActionsRegistered || withdrawn) {
                return;
            }
            beanActionsRegistered = true;
        }
        Set<String> own = new HashSet<>(List.of(READINESS, PRE_STOP, CONTEXT, HANDLERS));
        for (ExitAction action : beans.values()) {
            try {
                own.add(action.name());
            } catch (RuntimeException | LinkageError e) {
                // The guard reports it, naming the bean.
            }
        }
        List<ActionBatch.Sourced> actions = new ArrayList<>();
        Map<String, String> beanOfAction = new LinkedHashMap<>();
        beans.forEach((bean, action) -> {
            ExitAction registered = qualifier == null ? action : qualify(action, own);
            actions.add(new ActionBatch.Sourced(registered, sources.get(bean)));
            try {
                beanOfAction.put(registered.name(), sources.get(bean));
            } catch (RuntimeException | LinkageError e) {
                // As above.
            }
        });
        String what = "the ExitAction beans of application context '" + context.getId() + "'";
        try {
            register(actions, what);
        } catch (ExitConfigurationException e) {
            throw naming(ActionBatch.headline(what), e, beanOfAction);
        }
    }

    /** The action under this context's qualifier, its {@code after()} names of the context's own actions too. */
    private ExitAction qualify(ExitAction action, Set<String> own) {
        try {
            Set<String> after = new LinkedHashSet<>();
            for (String target : action.after()) {
                after.add(own.contains(target) ? nameOf(target) : target);
            }
            return new QualifiedAction(action, nameOf(action.name()), action.phase(), after, action.timeout());
        } catch (RuntimeException | LinkageError e) {
            // A broken action is registered as it is, so that the guard names what is wrong with it.
            return action;
        }
    }

    /**
     * The failure, each problem followed by the beans of the actions it is about (the guard names
     * actions by their names only where it reports a cycle or an order across phases).
     */
    private static ExitConfigurationException naming(String headline, ExitConfigurationException failure,
            Map<String, String> beanOfAction) {
        List<ExitConfigurationException.Problem> problems = new ArrayList<>();
        for (ExitConfigurationException.Problem problem : failure.details()) {
            String message = problem.message();
            List<String> beans = new ArrayList<>();
            beanOfAction.forEach((name, source) -> {
                // A message that already gives the bean (a duplicate's, a bad timeout's) is not told it twice.
                if (problem.actions().contains(name) && !message.contains(source)) {
                    beans.add("[" + name + "] is " + source);
                }
            });
            problems.add(beans.isEmpty() ? problem : new ExitConfigurationException.Problem(
                    message + "; " + String.join(", ", beans), problem.actions(), problem.property()));
        }
        ExitConfigurationException named = ExitConfigurationException.of(headline, problems);
        named.initCause(failure);
        return named;
    }

    private void register(List<ActionBatch.Sourced> actions, String what) {
        List<ExitRegistration> made = ActionBatch.register(guard, actions, what);
        boolean late;
        synchronized (lock) {
            late = withdrawn;
            if (!late) {
                registrations.addAll(made);
            }
        }
        if (late) {
            made.forEach(ExitRegistration::unregister);
        }
    }

    /** Whether the context's {@code ExitAction} beans were handed to the guard (or tried to be). */
    boolean beanActionsRegistered() {
        synchronized (lock) {
            return beanActionsRegistered;
        }
    }

    /**
     * Takes this context's actions out of the guard, unless the exit has begun (then they run, or
     * ran, as part of it). Idempotent.
     */
    void withdraw() {
        List<ExitRegistration> mine;
        synchronized (lock) {
            withdrawn = true;
            mine = new ArrayList<>(registrations);
            registrations.clear();
        }
        for (ExitRegistration registration : mine) {
            registration.unregister();
        }
    }

    /** Withdraws the actions when this context, not a child whose event reaches it, closes. */
    private static final class Closed implements ApplicationListener<ContextClosedEvent> {
        private final SpringContextExit exit;

        Closed(SpringContextExit exit) {
            this.exit = exit;
        }

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            if (event.getApplicationContext() == exit.context && !exit.guard.isExiting()) {
                exit.withdraw();
            }
        }
    }

    @Override
    public String toString() {
        return "exitguard for application context '" + context.getId() + "'"
                + (qualifier == null ? "" : " (actions qualified with " + qualifier + ")");
    }
}
