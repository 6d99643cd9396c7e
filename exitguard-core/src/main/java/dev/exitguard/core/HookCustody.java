package dev.exitguard.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The map exitguard puts in place of the JVM's registry of shutdown hooks (see {@link HookTable}),
 * so that the hooks other code registers are held for exitguard's exit instead of being started by
 * the JVM.
 *
 * <p>The JVM reads and writes the map only through {@code containsKey}, {@code put},
 * {@code remove} and, when its shutdown begins, {@code keySet()}. The map itself (what
 * {@code keySet()} and every other inherited method see) holds only the hooks the JVM is to start:
 * exitguard's own ({@link OwnHooks}). Every other hook is <em>adopted</em>: {@code containsKey},
 * {@code get} and {@code remove} find it, so that the JVM's rules hold for it as before (a hook is
 * registered once, and removing it gives true once), but the JVM never starts it; exitguard's
 * exit does ({@link #takeForExit}, {@link #takeRest}).
 *
 * <p>Not thread-safe by itself: every call, the JVM's and exitguard's, happens under the monitor of
 * the table ({@link HookTable#lock()}), which is what makes a registration racing the swap, the
 * exit taking the hooks, or their release safe. Nothing here logs or calls out: the JVM's calls
 * arrive holding that monitor, and a logging library that registers a hook as it starts would
 * come back here. {@link #known()} alone is read without the monitor.
 */
final class HookCustody extends IdentityHashMap<Thread, Thread> {

    private static final long serialVersionUID = 1L;

    /** What the custody does with a hook registered now. */
    enum State {
        /** Adopts it: exitguard's exit will start it. */
        HOLDING,
        /** Refuses it: exitguard's exit has already taken the hooks, as the JVM refuses a hook once shutting down. */
        CLOSED,
        /** Given back to the JVM ({@link #release}); the JVM no longer uses this map. */
        RELEASED
    }

    /**
     * Adopted hooks not yet taken: those of the JVM's map first, in its order (an identity map has
     * none), then those registered since, in the order they were.
     */
    private final transient List<Thread> adopted = new ArrayList<>();
    /** Adopted hooks the exit has taken to start. */
    private final transient List<Thread> taken = new ArrayList<>();
    private transient State state = State.HOLDING;
    private transient String closedBecause = "";
    /** Every hook held or taken, for {@link #known()}; replaced, never changed. */
    private transient volatile List<Thread> known = List.of();

    /**
     * Takes over {@code previous}, the map the JVM used until now: exitguard's own hooks stay in
     * this map, every other one is adopted. Under the table's monitor.
     */
    HookCustody(Map<Thread, Thread> previous) {
        for (Thread hook : previous.keySet()) {
            if (OwnHooks.isOwn(hook)) {
                super.put(hook, hook);
            } else {
                adopted.add(hook);
            }
        }
        refreshKnown();
    }

    State state() {
        return state;
    }

    // ---- what the JVM calls (ApplicationShutdownHooks.add, remove, runHooks) ------------------

    /**
     * Registers {@code hook}: the JVM calls this after it checked that the hook is not running and
     * not registered yet.
     *
     * @throws IllegalStateException once the exit has taken the hooks: {@code Runtime.addShutdownHook}
     *     then fails as it does once the JVM's shutdown is in progress
     */
    @Override
    public Thread put(Thread hook, Thread value) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("Shutdown in progress: " + closedBecause);
        }
        if (state == State.RELEASED || OwnHooks.isOwn(hook)) {
            Thread previous = super.put(hook, value);
            refreshKnown();
            return previous;
        }
        if (indexOf(adopted, hook) < 0) {
            adopted.add(hook);
            refreshKnown();
        }
        return null;
    }

    @Override
    public boolean containsKey(Object hook) {
        return super.containsKey(hook) || indexOf(adopted, hook) >= 0;
    }

    @Override
    public Thread get(Object hook) {
        Thread kept = super.get(hook);
        return kept != null || indexOf(adopted, hook) < 0 ? kept : (Thread) hook;
    }

    /**
     * Unregisters {@code hook}: true (non-null) if it was registered and not yet started. Never
     * refused: removing a hook that the exit has already taken simply finds nothing, as removing
     * one that was never registered does.
     */
    @Override
    public Thread remove(Object hook) {
        if (super.containsKey(hook)) {
            Thread removed = super.remove(hook);
            refreshKnown();
            return removed;
        }
        int at = indexOf(adopted, hook);
        if (at < 0) {
            return null;
        }
        Thread removed = adopted.remove(at);
        refreshKnown();
        return removed;
    }

    // ---- what exitguard calls, under the table's monitor --------------------------------------

    /**
     * For the exit's last phase: takes the adopted hooks that are not {@code last} (logging
     * backends' hooks, which run after the report), in the order they are held, and from now on
     * refuses new hooks, saying {@code because}.
     */
    List<Thread> takeForExit(Predicate<Thread> last, String because) {
        closedBecause = because;
        if (state == State.HOLDING) {
            state = State.CLOSED;
        }
        List<Thread> out = new ArrayList<>();
        for (int i = 0; i < adopted.size(); i++) {
            Thread hook = adopted.get(i);
            if (!last.test(hook)) {
                out.add(hook);
                adopted.remove(i--);
            }
        }
        taken.addAll(out);
        refreshKnown();
        return out;
    }

    /**
     * Takes every adopted hook not taken yet: after the exit's report, the logging backends' hooks
     * (and any other, had the exit not reached its last phase). From now on new hooks are refused.
     */
    List<Thread> takeRest(String because) {
        return takeForExit(hook -> false, because);
    }

    /**
     * Gives every hook back: returns a plain map of exitguard's own hooks and every adopted hook not
     * yet taken, for the JVM to use from now on, as if exitguard had never adopted them.
     */
    IdentityHashMap<Thread, Thread> release() {
        IdentityHashMap<Thread, Thread> plain = new IdentityHashMap<>();
        for (Thread hook : keySet()) {
            plain.put(hook, hook);
        }
        for (Thread hook : adopted) {
            plain.put(hook, hook);
        }
        adopted.clear();
        state = State.RELEASED;
        refreshKnown();
        return plain;
    }

    /** The hooks adopted and not yet taken, in order; a copy. */
    List<Thread> adopted() {
        return List.copyOf(adopted);
    }

    /**
     * Every hook this custody holds or has handed to the exit, exitguard's own included; read
     * without the monitor, for a watchdog that must not wait for it.
     */
    List<Thread> known() {
        return known;
    }

    private void refreshKnown() {
        List<Thread> all = new ArrayList<>(keySet());
        all.addAll(adopted);
        all.addAll(taken);
        known = List.copyOf(all);
    }

    private static int indexOf(List<Thread> hooks, Object hook) {
        for (int i = 0; i < hooks.size(); i++) {
            if (hooks.get(i) == hook) {
                return i;
            }
        }
        return -1;
    }
}
