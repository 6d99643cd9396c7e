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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
 * can begin an exit: in the builder before install, or, when joining ({@link Joining}), registered
 * before the first singleton is provisioned. So an exit that begins at any moment of the injector's
 * creation closes every singleton created before its closing began.
 */
final class GuardProvider implements Provider<ExitGuard> {

    @SuppressWarnings("unchecked")
    static final Key<Set<ExitAction>> ACTIONS = (Key<Set<ExitAction>>) Key.get(Types.setOf(ExitAction.class));

    /** The source the plan and messages give for the action that closes singletons. */
    static final String CLOSING_SOURCE = "ExitGuardModule.builder().closeSingletons(true)";

    private final ExitGuardModule.ModuleSettings settings;
    private final Provider<Injector> injector;
    private final SingletonClosing closing;
    private final Joining joining;

    /**
     * @param closing the closer of this injector's singletons; null when they are not closed
     */
    GuardProvider(ExitGuardModule.ModuleSettings settings, Provider<Injector> injector, SingletonClosing closing) {
        this.settings = settings;
        this.injector = injector;
        this.closing = closing;
        this.joining = new Joining(settings, closing);
        if (closing != null && settings.installInJvm()) {
            closing.beforeFirstSingleton(new Runnable() {
                @Override
                public void run() {
                    joining.beforeFirstSingleton();
                }
            });
        }
    }

    /** One multibound action, and where it was bound, in words. */
    record Bound(ExitAction action, String source) {
    }

    @Override
    public ExitGuard get() {
        List<Message> errors = new ArrayList<>();
        // The Guice sources of the actions of each name, in binding order: a problem cites those of the actions it is about.
        Map<String, List<Object>> sourcesByName = new LinkedHashMap<>();
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
            Optional<String> name = name((ExitAction) action);
            if (name.isPresent()) {
                sourcesByName.computeIfAbsent(name.get(), n -> new ArrayList<>()).add(element.getSource());
            }
            bound.add(new Bound((ExitAction) action, source));
        }
        if (!errors.isEmpty()) {
            throw new ProvisionException(errors);
        }
        Optional<ExitGuard> toJoin = toJoin();
        if (toJoin.isEmpty()) {
            try {
                return createOwn(bound);
            } catch (ExitConfigurationException e) {
                throw new ProvisionException(messages(e, sourcesByName));
            } catch (IllegalStateException e) {
                // Another guard was installed since we looked; anything else is a real failure.
                toJoin = settings.installInJvm() ? ExitGuard.installed() : Optional.empty();
                if (toJoin.isEmpty()) {
                    throw e;
                }
            }
        }
        return joining.join(toJoin.get(), bound, sourcesByName);
    }

    /** The guard to join: the one the closing action joined, else the installed one, if joining at all. */
    private Optional<ExitGuard> toJoin() {
        if (!settings.installInJvm()) {
            return Optional.empty();
        }
        Optional<ExitGuard> joined = joining.joined();
        return joined.isPresent() ? joined : ExitGuard.installed();
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

    /**
     * Each problem, citing the Guice sources of the actions it is about, in binding order. An action
     * without a readable name has none to carry: its problem's message names its binding instead.
     */
    static List<Message> messages(ExitConfigurationException e, Map<String, List<Object>> sourcesByName) {
        List<Message> messages = new ArrayList<>();
        for (ExitConfigurationException.Problem problem : e.details()) {
            List<Object> sources = new ArrayList<>();
            for (Map.Entry<String, List<Object>> named : sourcesByName.entrySet()) {
                if (problem.actions().contains(named.getKey())) {
                    sources.addAll(named.getValue());
                }
            }
            // Guice prints the sources of a message last first; this prints them in binding order.
            Collections.reverse(sources);
            messages.add(new Message(sources, "exitguard: " + problem.message(), null));
        }
        return messages;
    }

    static Optional<String> name(ExitAction action) {
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
