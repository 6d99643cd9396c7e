package dev.exitguard.guice;

import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.exitguard.core.ExitConfigurationException;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitRegistration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One injector joining the guard already installed in the JVM: its multibound actions registered
 * with that guard, all or none, and its closing action ({@link SingletonClosing}) registered once,
 * as early as the first singleton, under a name no other injector's closing has. Thread-safe.
 */
final class Joining {

    private static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    private final ExitGuardModule.ModuleSettings settings;
    private final SingletonClosing closing;
    /** Guarded by this: the guard the closing action is registered with, once it is. */
    private ExitGuard closingJoined;

    /**
     * @param closing the closer of this injector's singletons; null when they are not closed
     */
    Joining(ExitGuardModule.ModuleSettings settings, SingletonClosing closing) {
        this.settings = settings;
        this.closing = closing;
    }

    /** The guard the closing action joined, if it joined one. */
    synchronized Optional<ExitGuard> joined() {
        return Optional.ofNullable(closingJoined);
    }

    /**
     * Registers the actions with {@code guard}, installed before this injector. On any problem none
     * of them stays registered and the injector fails; the closing action stays, as its singletons
     * were created all the same.
     */
    ExitGuard join(ExitGuard guard, List<GuardProvider.Bound> bound, Map<String, List<Object>> sourcesByName) {
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
            for (GuardProvider.Bound action : inRegistrationOrder(bound)) {
                try {
                    registered.add(guard.register(action.action(), action.source()));
                } catch (ExitConfigurationException e) {
                    errors.addAll(GuardProvider.messages(e, sourcesByName));
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
     * refusal (the exit has begun) is left for {@link #join} to report.
     */
    void beforeFirstSingleton() {
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
                guard.register(closing.action(name), GuardProvider.CLOSING_SOURCE);
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
    private static List<GuardProvider.Bound> inRegistrationOrder(List<GuardProvider.Bound> bound) {
        Map<String, GuardProvider.Bound> byName = new LinkedHashMap<>();
        for (GuardProvider.Bound action : bound) {
            GuardProvider.name(action.action()).ifPresent(name -> byName.putIfAbsent(name, action));
        }
        List<GuardProvider.Bound> ordered = new ArrayList<>();
        Set<GuardProvider.Bound> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean progress = true;
        while (ordered.size() < bound.size() && progress) {
            progress = false;
            for (GuardProvider.Bound action : bound) {
                if (!placed.contains(action) && readyAmong(action, byName, placed)) {
                    ordered.add(action);
                    placed.add(action);
                    progress = true;
                }
            }
        }
        for (GuardProvider.Bound action : bound) {
            if (!placed.contains(action)) {
                ordered.add(action);
            }
        }
        return ordered;
    }

    private static boolean readyAmong(GuardProvider.Bound action, Map<String, GuardProvider.Bound> byName, Set<GuardProvider.Bound> placed) {
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
            GuardProvider.Bound before = byName.get(name);
            if (before != null && before != action && !placed.contains(before)) {
                return false;
            }
        }
        return true;
    }
}
