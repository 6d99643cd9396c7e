package dev.exitguard.core;

/**
 * The lock the JVM takes to begin its shutdown: the monitor of {@code java.lang.Shutdown}. Every
 * {@code Runtime.exit} (so {@code System.exit}, and the JVM's own handler of SIGTERM) and the last
 * non-daemon thread's ending take it before they run the shutdown hooks; {@code Runtime.exit}
 * keeps it until the process is gone, so any later {@code System.exit} waits for ever, which is
 * why the first status to reach the JVM is the one the process exits with.
 *
 * <p>An exit that ends the process holds it from the moment it publishes its report to the moment
 * it calls {@code Runtime.exit}: nothing can begin the JVM's shutdown in between, so the report's
 * reason and code are the ones the process really exits with. A {@code System.exit} called
 * elsewhere in that instant waits a little, then waits for ever, as it would have anyway. One
 * called earlier has begun the JVM's shutdown and holds the lock itself: the exit then cannot take
 * it, and its shutdown hook publishes the report instead, naming that shutdown as the reason.
 * {@code Runtime.halt} does not take the lock, so the watchdog and a second signal halt whatever
 * holds it.
 *
 * <p>{@code java.lang.Shutdown} is the same class, with the same locking, from JDK 1.3 to 25. On a
 * runtime that lacks it a lock of exitguard's own stands in: everything still works, but a
 * {@code System.exit} in that very instant can win the race while the report names the exit that
 * lost it.
 */
final class JvmShutdownLock {

    static final Object MONITOR = find();

    private JvmShutdownLock() {
    }

    /** Whether {@link #MONITOR} is the JVM's own lock rather than the stand-in. */
    static boolean isTheJvms() {
        return MONITOR instanceof Class;
    }

    private static Object find() {
        try {
            // Loading a class needs no access to it, and locking a Class object needs none either.
            return Class.forName("java.lang.Shutdown", false, null);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return new Object();
        }
    }
}
