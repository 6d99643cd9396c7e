package dev.exitguard.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code exitguard.foreignHooks=adopt}: the JVM's other shutdown hooks, those any code registers
 * with {@link Runtime#addShutdownHook} before or after install, run inside the installed guard's
 * exit instead of beside it.
 *
 * <p>At install the guard puts a {@link HookCustody} in place of the JVM's registry of hooks
 * ({@link HookTable}), under the registry's own lock, so that a registration racing the swap lands
 * in one map or the other, never nowhere. From then on the JVM, when its shutdown begins, finds
 * only exitguard's own hooks to start; the adopted ones are started by the exit: in its last phase,
 * {@link dev.exitguard.api.ExitPhase#SHUTDOWN_HOOKS}, after {@code TELEMETRY}, all at once as the JVM
 * would start them, each a report row ({@link HookAction}), bounded by the deadline; the logging
 * backends' hooks after the report ({@link LoggingHooks}). That holds on every path, since every
 * path runs the exit: a signal or {@code ExitGuard.exit} before the JVM's shutdown, and
 * {@code System.exit} or the last thread ending from exitguard's own JVM hook. A hook registered
 * once the exit has taken the hooks is refused as the JVM refuses one during its shutdown
 * ({@link IllegalStateException}); {@link ExitGuard#uninstall()} gives every hook not yet started
 * back to the JVM.
 *
 * <p>Thread-safe. Lock order: the registry's lock is never taken while {@link #LOCK} is held.
 */
final class ForeignHooks {

    static final String PROPERTY = "exitguard.foreignHooks";

    private static final Object LOCK = new Object();
    /** Under {@link #LOCK}: the guard whose exit runs the adopted hooks, and where they are held. */
    private static ExitGuard holder;
    private static HookTable table;
    private static volatile HookCustody custody;

    private ForeignHooks() {
    }

    /**
     * Whether to adopt: {@code exitguard.foreignHooks} ({@code leave} or {@code adopt}, any case)
     * if set, else {@code requested}, else leave. A bad value is added to {@code problems}.
     */
    static boolean resolve(Function<String, String> properties, Boolean requested, Problems problems) {
        String text = properties.apply(PROPERTY);
        boolean fallback = requested != null && requested;
        if (text == null) {
            return fallback;
        }
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "adopt": return true;
            case "leave": return false;
            default:
                problems.badProperty(PROPERTY, PROPERTY + ": [" + text + "] is neither leave nor adopt");
                return fallback;
        }
    }

    /**
     * At install of {@code guard}, once its own JVM hook is registered: adopts every hook in the JVM,
     * or, if exitguard may not reach them, says why in one warning and leaves them to the JVM.
     */
    static void adopt(ExitGuard guard) {
        try {
            adoptJdkHooks(guard);
        } catch (RuntimeException | LinkageError e) {
            // Whatever this JVM does differently, the install goes on: the hooks stay with the JVM.
            Log.warning(PROPERTY + "=adopt: the JVM's other shutdown hooks are left to the JVM: adopting them failed: "
                    + e);
        }
    }

    private static void adoptJdkHooks(ExitGuard guard) {
        List<String> why = new ArrayList<>();
        HookTable jdk = HookTable.jdk(why);
        if (jdk == null) {
            Module self = ForeignHooks.class.getModule();
            Log.warning(PROPERTY + "=adopt: the JVM's other shutdown hooks are left to the JVM, which starts them"
                    + " all at once, unbounded and unreported, because " + String.join("; ", why)
                    + ". To adopt them, start the JVM with -javaagent:exitguard-agent.jar, or with --add-opens"
                    + " java.base/java.lang=" + (self.isNamed() ? self.getName() : "ALL-UNNAMED"));
            return;
        }
        adopt(guard, jdk);
    }

    /**
     * Adopts the hooks of {@code hooks}; false if it cannot: the JVM is shutting down, or another
     * custody holds them (a warning says so).
     */
    static boolean adopt(ExitGuard guard, HookTable hooks) {
        warmUp();
        // Before the swap, outside the registry's lock: registering a backend may register a hook.
        LoggingBackends.register(LoggingHooks.BACKEND);
        HookCustody created;
        int adopted;
        synchronized (hooks.lock()) {
            IdentityHashMap<Thread, Thread> current = hooks.current();
            if (current == null) {
                // The JVM's shutdown has begun: it has taken every hook already.
                return false;
            }
            if (current.getClass() != IdentityHashMap.class) {
                String holderName = current.getClass().getName();
                Log.warning(PROPERTY + "=adopt: the JVM's shutdown hooks are already held by " + holderName
                        + (holderName.equals(HookCustody.class.getName())
                                ? " of another copy of exitguard, loaded by another class loader" : "")
                        + "; this guard leaves them there");
                return false;
            }
            created = new HookCustody(current);
            hooks.replace(created);
            adopted = created.adopted().size();
            synchronized (LOCK) {
                holder = guard;
                table = hooks;
                custody = created;
            }
        }
        Log.debug("adopted the JVM's shutdown hooks (" + adopted + " registered before install): they run in the"
                + " exit's last phase, SHUTDOWN_HOOKS, and the logging backends' hooks after the report");
        return true;
    }

    /** Whether {@code guard} holds the JVM's hooks. */
    static boolean adoptedBy(ExitGuard guard) {
        synchronized (LOCK) {
            return holder == guard && guard != null;
        }
    }

    /** When {@code run} begins: if {@code guard} holds the hooks, they are its last phase. */
    static void attach(ExitGuard guard, ExitRun run) {
        if (!adoptedBy(guard)) {
            return;
        }
        run.lastPhase(new LastPhase() {
            @Override
            public List<ActionEntry> take() {
                return HookAction.entries(ForeignHooks.take(false, "exitguard's exit (" + run.reason()
                        + ") has already started the JVM's other shutdown hooks"));
            }
        });
    }

    /**
     * After the exit's report: every adopted hook not yet started, the logging backends' among
     * them; from now on none is adopted.
     */
    static List<Thread> takeRest() {
        return take(true, "exitguard's exit is over and has started the JVM's other shutdown hooks");
    }

    private static List<Thread> take(boolean all, String because) {
        HookTable hooks;
        HookCustody held;
        synchronized (LOCK) {
            hooks = table;
            held = custody;
        }
        if (held == null) {
            return List.of();
        }
        synchronized (hooks.lock()) {
            if (held.state() == HookCustody.State.RELEASED) {
                return List.of();
            }
            return all ? held.takeRest(because) : held.takeForExit(LoggingHooks::isLoggingHook, because);
        }
    }

    /**
     * At uninstall of {@code guard}: gives every hook not yet started back to the JVM, which starts
     * them itself from then on. Does nothing if {@code guard} holds no hooks, or once the JVM's
     * shutdown has begun (the exit under way then runs them).
     */
    static void release(ExitGuard guard) {
        HookTable hooks;
        HookCustody held;
        synchronized (LOCK) {
            if (holder != guard || guard == null) {
                return;
            }
            hooks = table;
            held = custody;
        }
        synchronized (hooks.lock()) {
            if (hooks.current() != held) {
                return;
            }
            hooks.replace(held.release());
        }
        synchronized (LOCK) {
            if (custody == held) {
                holder = null;
                table = null;
                custody = null;
            }
        }
    }

    /** Every hook exitguard holds or has started, its own included; never waits for a lock. */
    static List<Thread> known() {
        HookCustody held = custody;
        return held == null ? List.of() : held.known();
    }

    /** Loads, at install, what the exit's last phase needs. */
    private static void warmUp() {
        HookAction.entries(List.of(Thread.currentThread()));
        LoggingHooks.isLoggingHook(Thread.currentThread());
    }
}
