package dev.exitguard.core;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The JVM shutdown hooks exitguard registers itself: the installed guard's, and the one that stops
 * the logging backends when no guard is installed. When exitguard adopts the JVM's other hooks
 * (see {@link ForeignHooks}), these stay with the JVM, which starts them when its shutdown begins:
 * they are what runs the exit.
 *
 * <p>Thread-safe. Held weakly, by identity ({@link Thread} keeps {@code Object}'s equality).
 */
final class OwnHooks {

    private static final Set<Thread> OWN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private OwnHooks() {
    }

    /** Marks {@code hook} as exitguard's own, before it is handed to {@link Runtime#addShutdownHook}; returns it. */
    static Thread mark(Thread hook) {
        OWN.add(hook);
        return hook;
    }

    static boolean isOwn(Thread hook) {
        return OWN.contains(hook);
    }
}
