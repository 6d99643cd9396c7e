package dev.exitguard.guice;

import com.google.inject.Binding;
import com.google.inject.Scope;
import com.google.inject.Scopes;
import com.google.inject.matcher.Matcher;
import com.google.inject.spi.BindingScopingVisitor;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.ProvisionListener;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitConfigurationException;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitRegistration;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Closes the {@link AutoCloseable} singletons of one injector at exit, newest first, each by an
 * exit action of its own in {@link ExitPhase#RELEASE}.
 *
 * <p>A {@link ProvisionListener} on the singleton-scoped bindings sees each singleton once, when
 * its provisioning returns; a singleton's dependencies return before it does, so creation order
 * puts every singleton after what it depends on. Closing in reverse creation order is a chain of
 * {@code after()} edges: the closer of each singleton is after the closer of the next newer one.
 * Singletons created before the guard exists wait here and are registered, newest first, once it
 * does; each one created later is registered at once, and the closer of the previously newest one
 * is registered again with an edge to it.
 *
 * <h2>An exit that begins in between</h2>
 * The exit can begin between any two registry steps, and the core then refuses registration.
 * Registration runs under {@link #lock}, which a closer takes when it starts, so the exit may begin
 * in the middle of the steps but cannot reach a closer before they are over. So that nothing is
 * closed twice or out of order however the steps and the exit interleave, every close is claimed
 * first (one claim per singleton), and a closer, when it runs, does more than close its own
 * singleton:
 * <ol>
 *   <li>first, newest first, it closes every newer singleton nobody has claimed yet (one created
 *       during the exit, or one whose closer is not ordered before it because the exit began
 *       before the edge was in place), and waits for those being closed by other closers (bounded
 *       by their and its own remaining time);
 *   <li>then it closes its own singleton, unless already claimed;
 *   <li>then it closes the older singletons handed to it because their closer dropped out of the
 *       exit (unregistered to be registered again with a new edge, then refused).
 * </ol>
 * When nothing races, every newer singleton is already closed when a closer starts, and it closes
 * its own alone, within its own timeout.
 *
 * <p>Thread-safe: every piece of state is guarded by {@link #lock}; closing happens outside it.
 */
final class SingletonClosing implements ProvisionListener {

    /**
     * The bindings whose own scope is singleton: they create what they provide once. Instance
     * bindings count as eager singletons to Guice, and it tells provision listeners about them, but
     * Guice did not create their objects, so they are left out.
     */
    static final Matcher<Binding<?>> SINGLETON_BINDINGS = new Matcher<>() {
        @Override
        public boolean matches(Binding<?> binding) {
            return !(binding instanceof InstanceBinding) && binding.acceptScopingVisitor(SINGLETON_SCOPED);
        }

        @Override
        public String toString() {
            return "singleton-scoped bindings";
        }
    };

    /**
     * Only the binding's own scope counts, not that of a binding it links to: the linked-to binding
     * is the one that creates and keeps the instance, and it is seen on its own.
     */
    private static final BindingScopingVisitor<Boolean> SINGLETON_SCOPED = new BindingScopingVisitor<>() {
        @Override
        public Boolean visitEagerSingleton() {
            return true;
        }

        @Override
        public Boolean visitScope(Scope scope) {
            return scope == Scopes.SINGLETON;
        }

        @Override
        public Boolean visitScopeAnnotation(Class<? extends Annotation> scopeAnnotation) {
            return scopeAnnotation == com.google.inject.Singleton.class || scopeAnnotation == jakarta.inject.Singleton.class;
        }

        @Override
        public Boolean visitNoScoping() {
            return false;
        }
    };

    private static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    /** Where closers are registered: the guard, or a stand-in in tests. */
    interface Registrar {
        /**
         * @throws IllegalStateException if the exit has begun
         * @throws ExitConfigurationException if the action breaks a rule (only a taken name can)
         */
        ExitRegistration register(ExitAction action, String source);

        /** The names of the actions registered now. */
        Collection<String> names();

        static Registrar of(ExitGuard guard) {
            return new Registrar() {
                @Override
                public ExitRegistration register(ExitAction action, String source) {
                    return guard.register(action, source);
                }

                @Override
                public Collection<String> names() {
                    return guard.actionNames();
                }
            };
        }
    }

    private enum State { OPEN, CLOSING, CLOSED }

    /** One singleton to close. Mutable fields are guarded by {@link #lock}. */
    private static final class Target {
        final AutoCloseable instance;
        final String key;
        final String source;
        final int index;
        String name;
        State state = State.OPEN;
        /** The context of the closer that claimed it. */
        ExitContext claimer;
        /** The closer registered now; null when none is (never was, refused, or dropped). */
        ExitRegistration registration;
        boolean closerStarted;
        /** Older singletons whose closer dropped out of the exit; closed after this one. */
        final List<Target> adopted = new ArrayList<>();

        Target(AutoCloseable instance, String key, String source, int index) {
            this.instance = instance;
            this.key = key;
            this.source = source;
            this.index = index;
        }
    }

    private final Object lock = new Object();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Target> targets = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private Registrar registrar;

    @Override
    public <T> void onProvision(ProvisionInvocation<T> provision) {
        T instance = provision.provision();
        if (instance instanceof AutoCloseable && !Scopes.isCircularProxy(instance)) {
            Binding<T> binding = provision.getBinding();
            created((AutoCloseable) instance, Sources.describe(binding.getKey()),
                    "Guice singleton bound at " + Sources.describe(binding.getSource()));
        }
    }

    /**
     * Takes note of a new singleton; registers its closer if the guard exists.
     *
     * @param key the singleton's key, as the closer's name shows it
     * @param source where it was bound, for the plan and messages
     */
    void created(AutoCloseable instance, String key, String source) {
        synchronized (lock) {
            if (!seen.add(instance)) {
                // The same object under a second key: one close is enough.
                return;
            }
            Target target = new Target(instance, key, source, targets.size());
            targets.add(target);
            if (registrar != null) {
                registerNewest(target);
            }
        }
    }

    /** The guard exists: registers the closers of the singletons created so far, newest first. */
    void attach(Registrar registrar) {
        synchronized (lock) {
            if (this.registrar != null) {
                throw new IllegalStateException("already attached to a guard");
            }
            this.registrar = registrar;
            Target newer = null;
            for (int i = targets.size() - 1; i >= 0; i--) {
                Target target = targets.get(i);
                if (!register(target, newer)) {
                    // The exit began while the injector was still being created.
                    for (int j = i; j >= 0; j--) {
                        dropped(targets.get(j));
                    }
                    break;
                }
                newer = target;
            }
        }
    }

    /** Under the lock: a singleton created after the guard. */
    private void registerNewest(Target target) {
        Target previous = newestRegistered();
        if (!register(target, null)) {
            createdDuringExit(target);
            return;
        }
        if (previous == null) {
            return;
        }
        if (!previous.registration.unregister()) {
            // The exit began just now: both closers run, unordered; step 1 of the protocol makes
            // the previous one close this newer singleton first.
            return;
        }
        previous.registration = null;
        if (!register(previous, target)) {
            dropped(previous);
        }
    }

    /**
     * Under the lock: registers the closer of {@code target}, after that of {@code newer} if not
     * null. Returns false if the exit has begun.
     */
    private boolean register(Target target, Target newer) {
        Set<String> after = newer == null ? Set.of() : Set.of(newer.name);
        if (target.name == null) {
            target.name = freeName("close " + target.key);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                target.registration = registrar.register(new Closer(target, after), target.source);
                return true;
            } catch (IllegalStateException e) {
                return false;
            } catch (ExitConfigurationException e) {
                // Someone registered an action of that name since we looked; take another one.
                if (attempt >= 10 || !registrar.names().contains(target.name)) {
                    throw e;
                }
                target.name = freeName("close " + target.key);
            }
        }
    }

    /** Under the lock: {@code base}, or {@code base #2}, ... whichever no action has yet. */
    private String freeName(String base) {
        Collection<String> taken = registrar.names();
        String name = base;
        for (int n = 2; names.contains(name) || taken.contains(name); n++) {
            name = base + " #" + n;
        }
        names.add(name);
        return name;
    }

    private Target newestRegistered() {
        for (int i = targets.size() - 1; i >= 0; i--) {
            if (targets.get(i).registration != null) {
                return targets.get(i);
            }
        }
        return null;
    }

    /** Under the lock: the exit was running before the singleton's closer could be registered. */
    private void createdDuringExit(Target target) {
        if (pendingOlderCloser(target)) {
            LOGGER.log(System.Logger.Level.DEBUG, () -> "singleton " + target.key + " was created during the exit;"
                    + " it is closed before the older singletons are");
            return;
        }
        LOGGER.log(System.Logger.Level.WARNING, "singleton " + target.key + " (" + target.source + ") was created"
                + " after the exit began, once the closing of singletons had started; it is left open");
    }

    /**
     * Under the lock, in the middle of registration steps: the closer of {@code target} is in no
     * exit, which began while it was being registered again, or while the injector was created. The
     * oldest newer closer that is in the exit closes it after its own; that closer was registered
     * during these same steps, so it cannot have started.
     */
    private void dropped(Target target) {
        for (int i = target.index + 1; i < targets.size(); i++) {
            if (targets.get(i).registration != null) {
                targets.get(i).adopted.add(target);
                return;
            }
        }
        LOGGER.log(System.Logger.Level.WARNING, "singleton " + target.key + " (" + target.source + ") is left open:"
                + " the exit began before its closer could be registered");
    }

    /** Under the lock: whether a closer older than {@code target} is registered and has not started. */
    private boolean pendingOlderCloser(Target target) {
        for (int i = 0; i < target.index; i++) {
            Target older = targets.get(i);
            if (older.registration != null && !older.closerStarted) {
                return true;
            }
        }
        return false;
    }

    // ---- closing ------------------------------------------------------------------------------

    /** What a closer does; see the class comment. */
    private void runCloser(Target own, ExitContext context) throws Exception {
        List<Target> newer;
        synchronized (lock) {
            own.closerStarted = true;
            newer = new ArrayList<>(targets.subList(own.index + 1, targets.size()));
        }
        Collections.reverse(newer);
        for (Target target : newer) {
            if (claim(target, context)) {
                closeForeign(target, own);
            } else {
                awaitClosed(target, context);
            }
        }
        Exception failure = claim(own, context) ? close(own) : null;
        List<Target> adopted;
        synchronized (lock) {
            adopted = List.copyOf(own.adopted);
        }
        for (Target target : adopted) {
            if (claim(target, context)) {
                closeForeign(target, own);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private boolean claim(Target target, ExitContext context) {
        synchronized (lock) {
            if (target.state != State.OPEN) {
                return false;
            }
            target.state = State.CLOSING;
            target.claimer = context;
            return true;
        }
    }

    /** Returns what the close threw, if it threw an exception; an Error propagates. */
    private Exception close(Target target) {
        try {
            target.instance.close();
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            synchronized (lock) {
                target.state = State.CLOSED;
                lock.notifyAll();
            }
        }
    }

    private void closeForeign(Target target, Target closer) {
        Exception failure = close(target);
        if (failure != null) {
            LOGGER.log(System.Logger.Level.WARNING, "closing singleton " + target.key + " (in the exit action ["
                    + closer.name + "], as its own closer could not run in order) failed: " + failure, failure);
        }
    }

    /** Waits while another closes {@code target}, no longer than it or this closer has. */
    private void awaitClosed(Target target, ExitContext context) throws InterruptedException {
        synchronized (lock) {
            while (target.state == State.CLOSING) {
                long millis = Math.min(target.claimer.remaining().toMillis(), context.remaining().toMillis());
                if (millis <= 0) {
                    return;
                }
                lock.wait(millis);
            }
        }
    }

    /** The exit action that closes one singleton. Its SPI values are fixed at creation. */
    private final class Closer implements ExitAction {
        private final Target target;
        private final String name;
        private final Set<String> after;

        Closer(Target target, Set<String> after) {
            this.target = target;
            this.name = target.name;
            this.after = after;
        }

        @Override
        public void run(ExitContext context) throws Exception {
            runCloser(target, context);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int phase() {
            return ExitPhase.RELEASE;
        }

        @Override
        public Set<String> after() {
            return after;
        }

        @Override
        public String toString() {
            return "[" + name + "] closes the singleton " + target.key + " that Guice created";
        }
    }
}
