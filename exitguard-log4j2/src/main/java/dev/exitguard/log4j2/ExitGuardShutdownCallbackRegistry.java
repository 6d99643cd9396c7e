package dev.exitguard.log4j2;

import dev.exitguard.core.LoggingBackends;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.core.LifeCycle;
import org.apache.logging.log4j.core.LifeCycle2;
import org.apache.logging.log4j.core.util.Cancellable;
import org.apache.logging.log4j.core.util.ShutdownCallbackRegistry;
import org.apache.logging.log4j.status.StatusLogger;
import org.apache.logging.log4j.util.LoaderUtil;

/**
 * Log4j's {@link ShutdownCallbackRegistry} for exitguard: the callbacks that stop Log4j's contexts
 * run once, from exitguard, after every exit action and after the exit report has been logged,
 * rather than from a JVM shutdown hook of Log4j's own that races the actions.
 *
 * <p>Log4j creates it, named by {@code log4j2.shutdownCallbackRegistry} in the
 * {@code log4j2.component.properties} of {@code exitguard-log4j2}; nothing else should. When Log4j
 * starts it, it hands the callbacks to exitguard ({@link LoggingBackends#register}): an installed
 * guard runs them last in its exit; with none installed, they run as the JVM's shutdown begins, as
 * Log4j's own registry would run them.
 *
 * <p>An application that names a registry of its own in another {@code log4j2.component.properties}
 * keeps it: Log4j merges every such file it finds, so this module's may outrank the application's,
 * and this registry then hands every call to the application's (and exitguard says, once, what it
 * then cannot promise). A registry named by a system property or an environment variable outranks
 * every file, and Log4j never creates this one.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class ExitGuardShutdownCallbackRegistry implements ShutdownCallbackRegistry, LifeCycle2 {

    private final AtomicReference<State> state = new AtomicReference<>(State.INITIALIZED);
    /** The application's own registry, when one of its component properties names it; else null. */
    private final ShutdownCallbackRegistry applications;

    /** Called by Log4j, which names this class in {@code log4j2.shutdownCallbackRegistry}. */
    public ExitGuardShutdownCallbackRegistry() {
        this.applications = applicationsRegistry();
    }

    private static ShutdownCallbackRegistry applicationsRegistry() {
        String name = Log4jSettings.registryNamedByApplication();
        if (name == null) {
            return null;
        }
        try {
            return LoaderUtil.newCheckedInstanceOf(name, ShutdownCallbackRegistry.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            StatusLogger.getLogger().error("exitguard: cannot create the ShutdownCallbackRegistry {} that a"
                    + " log4j2.component.properties names; exitguard stops Log4j instead", name, e);
            return null;
        }
    }

    /** The registry the application named, which this one hands every call to; null when exitguard runs the callbacks. */
    ShutdownCallbackRegistry applicationsRegistryOrNull() {
        return applications;
    }

    /**
     * Keeps {@code callback} for exitguard to run, once, last; or hands it to the application's
     * registry.
     *
     * @param callback what stops one of Log4j's contexts
     * @return a receipt that cancels it, as a context stopped by hand does
     */
    @Override
    public Cancellable addShutdownCallback(Runnable callback) {
        if (applications != null) {
            return applications.addShutdownCallback(callback);
        }
        return Log4jCallbacks.add(callback);
    }

    @Override
    public State getState() {
        return state.get();
    }

    @Override
    public void initialize() {
        if (applications instanceof LifeCycle) {
            ((LifeCycle) applications).initialize();
        }
    }

    /** Hands the callbacks to exitguard: Log4j calls this when its shutdown hook is enabled. */
    @Override
    public void start() {
        if (!state.compareAndSet(State.INITIALIZED, State.STARTING)) {
            return;
        }
        if (applications instanceof LifeCycle) {
            ((LifeCycle) applications).start();
        } else if (applications == null) {
            LoggingBackends.register(Log4jCallbacks.Backend.INSTANCE);
        }
        state.set(State.STARTED);
    }

    @Override
    public void stop() {
        stop(0, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        state.set(State.STOPPED);
        if (applications instanceof LifeCycle2) {
            return ((LifeCycle2) applications).stop(timeout, timeUnit);
        }
        if (applications instanceof LifeCycle) {
            ((LifeCycle) applications).stop();
        }
        return true;
    }

    @Override
    public boolean isStarted() {
        return state.get() == State.STARTED;
    }

    @Override
    public boolean isStopped() {
        return state.get() == State.STOPPED;
    }

    @Override
    public String toString() {
        return "ExitGuardShutdownCallbackRegistry[" + state.get()
                + (applications == null ? ", callbacks run by exitguard" : ", handing over to " + applications) + "]";
    }
}
