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
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Closes the {@link AutoCloseable} singletons of one injector at exit, newest first, in one exit
 * action of {@link ExitPhase#RELEASE} ({@link #action}).
 *
 * <p>A {@link ProvisionListener} on the singleton-scoped bindings sees each singleton once, when
 * its provisioning returns; a singleton's dependencies return before it does, so the order of
 * creation puts every singleton after what it depends on, and closing in the reverse order closes
 * each before its dependencies. The action takes the list when it starts and seals it: a singleton
 * created after that is left open, named in a warning, because closing it then would close it
 * after what it depends on. Nothing else is shared with the exit, so nothing needs registering
 * again as singletons come: however the exit and the creation of singletons interleave, each
 * singleton is closed at most once, and every one created before the action started is closed.
 *
 * <p>Its report row has one fact per singleton, in the order of closing, keyed by the singleton's
 * key and saying {@code open}, {@code closing}, {@code closed} or {@code failed: <exception>}, kept
 * current while the action runs, so that a report made at a timeout shows which close hung and
 * which were never reached; and the counts {@code closed}, {@code failed}, {@code open}. A row
 * holds {@value #LISTED} singletons by name; more are counted only.
 *
 * <p>Thread-safe: the list is guarded by {@link #lock}; closing happens outside it.
 */
final class SingletonClosing implements ProvisionListener {

    /** The name of the action in a guard that has no action of that name yet. */
    static final String NAME = "close Guice singletons";

    /** Singletons listed by name in the report row: a row holds 32 facts, three are the counts. */
    static final int LISTED = 29;

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

    /** One singleton to close. */
    private record Target(AutoCloseable instance, String key, String source) {
    }

    private final Object lock = new Object();
    /** Under {@link #lock}: the singletons in order of creation, until the action takes them. */
    private final List<Target> targets = new ArrayList<>();
    /** Under {@link #lock}: the same object under a second key is closed once. */
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Under {@link #lock}: the action has taken the list. */
    private boolean sealed;
    /** Called before the first singleton is provisioned; see {@link #beforeFirstSingleton}. */
    private volatile Runnable beforeFirst;

    /**
     * Runs {@code hook} once, before the first singleton is provisioned (on the thread provisioning
     * it), unless one already has been: the module joins an installed guard there, so that its
     * action is in that guard before there is anything to close.
     */
    void beforeFirstSingleton(Runnable hook) {
        this.beforeFirst = hook;
    }

    @Override
    public <T> void onProvision(ProvisionInvocation<T> provision) {
        Runnable hook = beforeFirst;
        if (hook != null) {
            beforeFirst = null;
            hook.run();
        }
        T instance = provision.provision();
        if (instance instanceof AutoCloseable && !Scopes.isCircularProxy(instance)) {
            Binding<T> binding = provision.getBinding();
            created((AutoCloseable) instance, Sources.describe(binding.getKey()),
                    "Guice singleton bound at " + Sources.describe(binding.getSource()));
        }
    }

    /**
     * Takes note of a new singleton.
     *
     * @param key the singleton's key, as the report shows it
     * @param source where it was bound, for messages
     */
    void created(AutoCloseable instance, String key, String source) {
        synchronized (lock) {
            if (!seen.add(instance)) {
                return;
            }
            if (!sealed) {
                targets.add(new Target(instance, key, source));
                return;
            }
        }
        LOGGER.log(System.Logger.Level.WARNING, "singleton " + key + " (" + source + ") was created after the"
                + " closing of singletons began; it is left open, as closing it now would close it after"
                + " what it depends on");
    }

    /**
     * The exit action that closes the singletons; its name is {@code name}. Each call makes a new
     * action over the same singletons (a name was taken): only one of them may be registered.
     */
    ExitAction action(String name) {
        return new Closer(name);
    }

    /** Seals the list and closes what it held, newest first; see the class comment. */
    private void closeAll(ExitContext context) throws Exception {
        List<Target> newestFirst;
        synchronized (lock) {
            sealed = true;
            newestFirst = new ArrayList<>(targets);
            targets.clear();
        }
        Collections.reverse(newestFirst);
        Row row = new Row(context, newestFirst);
        List<String> failed = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Target target = newestFirst.get(i);
            if (Thread.currentThread().isInterrupted()) {
                // The action's time is up and the exit has gone on without it: the rest stay open, as the row says.
                break;
            }
            row.closing(i);
            try {
                target.instance().close();
                row.closed(i);
            } catch (Exception | LinkageError | AssertionError e) {
                row.failed(i, e);
                failed.add(target.key() + " (" + e + ")");
                failures.add(e);
                LOGGER.log(System.Logger.Level.WARNING, "closing singleton " + target.key() + " (" + target.source()
                        + ") failed: " + e, e);
            }
        }
        if (!failures.isEmpty()) {
            Exception thrown = new Exception(failed.size() + " of " + newestFirst.size()
                    + " singletons failed to close: " + String.join(", ", failed), failures.get(0));
            for (Throwable other : failures.subList(1, failures.size())) {
                thrown.addSuppressed(other);
            }
            throw thrown;
        }
    }

    /** The report row of the action: the counts and, for the first {@link #LISTED}, each singleton's state. */
    private static final class Row {
        private final ExitContext context;
        private final List<Target> targets;
        private long closed;
        private long failed;

        Row(ExitContext context, List<Target> targets) {
            this.context = context;
            this.targets = targets;
            context.fact("closed", 0);
            context.fact("failed", 0);
            context.fact("open", targets.size());
            for (int i = 0; i < Math.min(LISTED, targets.size()); i++) {
                context.fact(targets.get(i).key(), "open");
            }
        }

        void closing(int index) {
            state(index, "closing");
        }

        void closed(int index) {
            state(index, "closed");
            context.fact("closed", ++closed);
            context.fact("open", targets.size() - closed - failed);
        }

        void failed(int index, Throwable e) {
            state(index, "failed: " + e);
            context.fact("failed", ++failed);
            context.fact("open", targets.size() - closed - failed);
        }

        private void state(int index, String state) {
            if (index < LISTED) {
                context.fact(targets.get(index).key(), state);
            }
        }
    }

    /** The exit action that closes the singletons. */
    private final class Closer implements ExitAction {
        private final String name;

        Closer(String name) {
            this.name = name;
        }

        @Override
        public void run(ExitContext context) throws Exception {
            closeAll(context);
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
        public String toString() {
            return "[" + name + "] closes the AutoCloseable singletons Guice created, newest first";
        }
    }
}
