package dev.exitguard.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The JDK's {@code java.lang.ApplicationShutdownHooks} as it is on JDK 17 and 25, line for line
 * where it matters: a static {@code IdentityHashMap} field {@code hooks}, {@code add} and
 * {@code remove} synchronized on the class, and {@code runHooks} that takes the field's key set
 * under the class's monitor, sets the field to null, starts every hook and joins it. A
 * {@link HookTable} of this class lets tests swap custody in and out without touching the JVM's
 * own hooks.
 */
final class FakeShutdownHooks {

    private static IdentityHashMap<Thread, Thread> hooks = new IdentityHashMap<>();

    private FakeShutdownHooks() {
    }

    /** A fresh registry, as a new JVM has. */
    static synchronized void reset() {
        hooks = new IdentityHashMap<>();
    }

    static synchronized void add(Thread hook) {
        if (hooks == null) {
            throw new IllegalStateException("Shutdown in progress");
        }
        if (hook.isAlive()) {
            throw new IllegalArgumentException("Hook already running");
        }
        if (hooks.containsKey(hook)) {
            throw new IllegalArgumentException("Hook previously registered");
        }
        hooks.put(hook, hook);
    }

    static synchronized boolean remove(Thread hook) {
        if (hooks == null) {
            throw new IllegalStateException("Shutdown in progress");
        }
        if (hook == null) {
            throw new NullPointerException();
        }
        return hooks.remove(hook) != null;
    }

    /** What the JVM does when its shutdown begins; returns the hooks it started. */
    static List<Thread> runHooks() {
        Collection<Thread> threads;
        synchronized (FakeShutdownHooks.class) {
            threads = hooks.keySet();
            hooks = null;
        }
        List<Thread> started = new ArrayList<>(threads);
        for (Thread hook : started) {
            hook.start();
        }
        for (Thread hook : started) {
            while (true) {
                try {
                    hook.join();
                    break;
                } catch (InterruptedException ignored) {
                    // As the JDK does.
                }
            }
        }
        return started;
    }

    static HookTable table() {
        List<String> problems = new ArrayList<>();
        HookTable table = HookTable.of(FakeShutdownHooks.class, problems);
        if (table == null) {
            throw new AssertionError(problems);
        }
        return table;
    }
}
