package dev.exitguard.guice;

import com.google.inject.Binding;
import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.MapBinderBinding;
import com.google.inject.multibindings.MultibinderBinding;
import com.google.inject.multibindings.MultibindingsTargetVisitor;
import com.google.inject.multibindings.OptionalBinderBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.spi.Message;
import com.google.inject.util.Types;
import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitConfigurationException;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitRegistration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives the injector its guard, once, while the injector is created: provisions every multibound
 * action, then either builds (and installs) a guard of its own with them, or, when a guard is
 * already installed in the JVM, registers them with that guard. Every problem becomes a Guice error
 * carrying the sources of the bindings it is about, so that {@code createInjector} fails as it does
 * for Guice's own errors.
 *
 * <p>The action that closes singletons ({@link SingletonClosing}) is in the guard before the guard
 * can begin an exit: in the builder before install, or, when joining, registered before the first
 * singleton is provisioned. So an exit that begins at any moment of the injector's creation closes
 * every singleton created before its closing began.
 */
final class GuardProvider implements Provider<ExitGuard> {

    @SuppressWarnings("unchecked")
    static final Key<Set<ExitAction>> ACTIONS = (Key<Set<ExitAction>>) Key.get(Types.setOf(ExitAction.class));

    /** The source the plan and messages give for the action that closes singletons. */
    static final String CLOSING_SOURCE = "ExitGuardModule.builder().closeSingletons(true)";

    private static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    private final ExitGuardModule.Settings settings;
    private final Provider<Injector> injector;
    private final SingletonClosing closing;
    /** Guarded by this: the guard the closing action is registered with, once it is. */
    private ExitGuard closingJoined;

    /**
     * @param closing the closer of this injector's singletons; null when they are not closed
     */
    GuardProvider(ExitGuardModule.Settings settings, Provider<Injector> injector, SingletonClosing closing) {
        this.settings = settings;
        this.injector = injector;
        this.closing = closing;
        if (closing != null && settings.installInJvm()) {
            closing.beforeFirstSingleton(new Runnable() {
                @Override
                public void run() {
                    joinEarly();
                }
            });
        }
    }

    /** One multibound action, with the words and the Guice source that name where it was bound. */
    private record Bound(ExitAction action, String source, Object bindingSource) {
    }

    @Override
    public ExitGuard get() {
        List<Message> errors = new ArrayList<>();
        // How the core's messages mention an action (its source, its name), and the Guice source to cite.
        Map<String, Object> mentions = new LinkedHashMap<>();
        List<Bound> bound = new ArrayList<>();
        for (Binding<?> element : elements(injector.get())) {
            String source = "Guice binding at " + Sources.describe(element.getSource());
            Object action;
            try {
                action = element.getProvider().get();
            } catch (ProvisionException e) {
                errors.addAll(citing(e.getErrorMessages(), element.getSource()));
                continue;
            } catch (ConfigurationException e) {
                errors.addAll(citing(e.getErrorMessages(), element.getSource()));
                continue;
            }
            if (action == null) {
                errors.add(new Message(List.of(element.getSource()),
                        "exitguard: the exit action bound at " + Sources.describe(element.getSource()) + " is null", null));
                continue;
            }
            mentions.put("(" + source + ")", element.getSource());
            name((ExitAction) action).ifPresent(name -> mentions.putIfAbsent("[" + name + "]", element.getSource()));
            bound.add(new Bound((ExitAction) action, source, element.getSource()));
        }
        if (!errors.isEmpty()) {
            throw new ProvisionException(errors);
        }
        Optional<ExitGuard> toJoin = toJoin();
        if (toJoin.isEmpty()) {
            try {
                return createOwn(bound);
            } catch (ExitConfigurationException e) {
                throw new ProvisionException(messages(e, mentions));
            } catch (IllegalStateException e) {
                // Another guard was installed since we looked; anything else is a real failure.
                toJoin = settings.installInJvm() ? ExitGuard.installed() : Optional.empty();
                if (toJoin.isEmpty()) {
                    throw e;
                }
            }
        }
        return join(toJoin.get(), bound, mentions);
    }

    /** The guard to join: the one the closing action joined, else the installed one, if joining at all. */
    private Optional<ExitGuard> toJoin() {
        if (!settings.installInJvm()) {
            return Optional.empty();
        }
        synchronized (this) {
            if (closingJoined != null) {
                return Optional.of(closingJoined);
            }
        }
        return ExitGuard.installed();
    }

    /** A guard of this injector's own, with the closing action; installed unless told not to. */
    private ExitGuard createOwn(List<Bound> bound) {
        ExitGuard.Builder builder = settings.coreBuilder();
        for (Bound action : bound) {
            builder.action(action.action(), action.source());
        }
        if (closing != null) {
            builder.action(closing.action(SingletonClosing.NAME), CLOSING_SOURCE);
        }
        return settings.installInJvm() ? builder.install() : builder.build();
    }

    /**
     * Registers the actions with {@code guard}, installed before this injector. On any problem none
     * of them stays registered and the injector fails; the closing action stays, as its singletons
     * were created all the same.
     */
    private ExitGuard join(ExitGuard guard, List<Bound> bound, Map<String, Object> mentions) {
        List<String> ignored = settings.setForAGuardOfItsOwn();
        if (!ignored.isEmpty()) {
            LOGGER.log(System.Logger.Level.WARNING, "ExitGuardModule joins the guard already installed in this JVM ("
                    + guard + "), so its own settings " + ignored + " do not apply: they are that guard's to make");
        }
        LOGGER.log(System.Logger.Level.DEBUG, "the " + bound.size() + " exit actions of this injector join the"
                + " guard already installed in this JVM (" + guard + ")");
        List<Message> errors = new ArrayList<>();
        List<ExitRegistration> registered = new ArrayList<>();
        try {
            if (closing != null) {
                registerClosing(guard);
            }
            for (Bound action : inRegistrationOrder(bound)) {
                try {
                    registered.add(guard.register(action.action(), action.source()));
                } catch (ExitConfigurationException e) {
                    errors.addAll(messages(e, mentions));
                }
            }
        } catch (IllegalStateException e) {
            errors.add(new Message("exitguard: this injector cannot join the guard installed in this JVM (" + guard
                    + "): " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            for (ExitRegistration registration : registered) {
                registration.unregister();
            }
            throw new ProvisionException(errors);
        }
        return guard;
    }

    /**
     * Before the first singleton is provisioned: joins the installed guard now, if there is one, so
     * that an exit it begins during the rest of the injector's creation closes the singletons. A
     * refusal (the exit has begun) is left for {@link #get()} to report.
     */
    private void joinEarly() {
        Optional<ExitGuard> installed = ExitGuard.installed();
        if (installed.isPresent()) {
            try {
                registerClosing(installed.get());
            } catch (IllegalStateException e) {
                LOGGER.log(System.Logger.Level.DEBUG, "could not join the installed guard before the first singleton: "
                        + e.getMessage());
            }
        }
    }

    /**
     * Registers the closing action with {@code guard}, once, under the first free name of
     * {@code close Guice singletons}, {@code close Guice singletons #2}, ...: each injector joining
     * one guard has its own.
     *
     * @throws IllegalStateException if the exit has begun
     */
    private synchronized void registerClosing(ExitGuard guard) {
        if (closingJoined != null) {
            return;
        }
        for (int n = 1; ; n++) {
            String name = n == 1 ? SingletonClosing.NAME : SingletonClosing.NAME + " #" + n;
            if (guard.actionNames().contains(name)) {
                continue;
            }
            try {
                guard.register(closing.action(name), CLOSING_SOURCE);
                closingJoined = guard;
                return;
            } catch (ExitConfigurationException e) {
                // Taken since we looked, by a concurrent registration: the next name. Anything else is ours to report.
                if (!guard.actionNames().contains(name)) {
                    throw e;
                }
            }
        }
    }

    /**
     * The actions with those another one is {@code after()} first, where they are among them: a
     * guard warns about an {@code after()} naming an action it does not have yet, which would be
     * wrong here, as it comes a moment later. A cycle keeps the order given; the guard reports it.
     */
    private static List<Bound> inRegistrationOrder(List<Bound> bound) {
        Map<String, Bound> byName = new LinkedHashMap<>();
        for (Bound action : bound) {
            name(action.action()).ifPresent(name -> byName.putIfAbsent(name, action));
        }
        List<Bound> ordered = new ArrayList<>();
        Set<Bound> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean progress = true;
        while (ordered.size() < bound.size() && progress) {
            progress = false;
            for (Bound action : bound) {
                if (!placed.contains(action) && readyAmong(action, byName, placed)) {
                    ordered.add(action);
                    placed.add(action);
                    progress = true;
                }
            }
        }
        for (Bound action : bound) {
            if (!placed.contains(action)) {
                ordered.add(action);
            }
        }
        return ordered;
    }

    private static boolean readyAmong(Bound action, Map<String, Bound> byName, Set<Bound> placed) {
        Set<String> after;
        try {
            after = action.action().after();
        } catch (RuntimeException | LinkageError e) {
            return true; // the guard reports it
        }
        if (after == null) {
            return true;
        }
        for (String name : after) {
            Bound before = byName.get(name);
            if (before != null && before != action && !placed.contains(before)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Guice's messages about an element that could not be provisioned name its key, an
     * {@code @Element} of the set, but not where it was bound; this adds that.
     */
    private static List<Message> citing(Collection<Message> messages, Object elementSource) {
        List<Message> out = new ArrayList<>();
        for (Message message : messages) {
            List<Object> sources = new ArrayList<>(message.getSources());
            sources.add(0, elementSource);
            out.add(message.withSource(sources));
        }
        return out;
    }

    /** Each problem, citing the Guice source of every action it mentions. */
    private static List<Message> messages(ExitConfigurationException e, Map<String, Object> mentions) {
        List<Message> messages = new ArrayList<>();
        for (String problem : e.problems()) {
            List<Object> sources = new ArrayList<>();
            mentions.forEach((mention, source) -> {
                if (problem.contains(mention) && !sources.contains(source)) {
                    sources.add(source);
                }
            });
            // Guice prints the sources of a message last first; this prints them in binding order.
            Collections.reverse(sources);
            messages.add(new Message(sources, "exitguard: " + problem, null));
        }
        return messages;
    }

    private static Optional<String> name(ExitAction action) {
        try {
            return Optional.ofNullable(action.name());
        } catch (RuntimeException | LinkageError e) {
            // The core reports it, naming the action's class and source.
            return Optional.empty();
        }
    }

    /** The bindings of the multibound actions, in the order they were bound. */
    private static List<Binding<?>> elements(Injector injector) {
        MultibinderBinding<?> multibinder = injector.getBinding(ACTIONS).acceptTargetVisitor(new MultibinderFinder());
        if (multibinder == null) {
            throw new IllegalStateException(ACTIONS + " is not bound by a Multibinder; contribute exit actions with"
                    + " ExitGuardModule.actions(binder()) or Multibinder.newSetBinder(binder(), ExitAction.class)");
        }
        return multibinder.getElements();
    }

    private static final class MultibinderFinder extends DefaultBindingTargetVisitor<Set<ExitAction>, MultibinderBinding<?>>
            implements MultibindingsTargetVisitor<Set<ExitAction>, MultibinderBinding<?>> {

        @Override
        public MultibinderBinding<?> visit(MultibinderBinding<? extends Set<ExitAction>> multibinding) {
            return multibinding;
        }

        @Override
        public MultibinderBinding<?> visit(MapBinderBinding<? extends Set<ExitAction>> mapbinding) {
            return null;
        }

        @Override
        public MultibinderBinding<?> visit(OptionalBinderBinding<? extends Set<ExitAction>> optionalbinding) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "the ExitGuard of ExitGuardModule" + settings;
    }
}
