package dev.exitguard.core;

/**
 * Keeps a {@code System.exit} that an exit action calls during the JVM's own shutdown from
 * changing the status the process exits with.
 *
 * <p>Such a call waits for the JVM's shutdown lock ({@link JvmShutdownLock}). When
 * {@code System.exit} began the shutdown, that lock is never released and the call waits for
 * ever: the first status wins. But when the last non-daemon thread's ending began it ({@code main}
 * returned), the JVM releases the lock once the shutdown hooks are over, and the waiting call would
 * then halt the process with its own status, racing the launcher's 0. So while a shutdown hook runs
 * the actions, a keeper waits for the lock too, and once it has it, keeps it: the action's call
 * goes on waiting, and the process ends as the shutdown that began first decides.
 *
 * <p>Which waiter the JVM hands a released lock to is not specified; HotSpot hands it to the
 * newest waiter up to JDK 23 and to the oldest from JDK 24. Hence two keepers: one that waits
 * before any action runs (the oldest) and, if an action was found inside {@code System.exit}, one
 * that waits after it (the newest). A keeper is a daemon thread that does nothing else; when the
 * shutdown is one that {@code System.exit} began, keepers wait for ever, as the action's call does,
 * and end with the process. If no thread can be started for a keeper, the JVM decides as it would
 * without exitguard.
 */
final class ShutdownLockKeeper implements Runnable {

    /** How long to wait for a keeper to queue for the lock: far more than a thread takes to start. */
    private static final long QUEUE_BOUND_NANOS = 200_000_000L;

    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {
        }
    };

    private ShutdownLockKeeper() {
    }

    /**
     * Starts a keeper named {@code name} and returns once it waits for the lock (or after a bound,
     * if the machine is too slow to tell). Does nothing unless the JVM's shutdown is really under
     * way (its lock is then held, so the keeper waits rather than taking it at once), nor on a
     * runtime without the JVM's own lock. Never throws.
     */
    static void queue(String name) {
        if (!JvmShutdownLock.isTheJvms() || !isShutdownInProgress()) {
            return;
        }
        try {
            Thread keeper = new Thread(new ShutdownLockKeeper(), name);
            keeper.setDaemon(true);
            keeper.start();
            long end = System.nanoTime() + QUEUE_BOUND_NANOS;
            while (keeper.getState() != Thread.State.BLOCKED && keeper.isAlive() && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
                Thread.yield();
            }
        } catch (Throwable e) {
            Log.debug("could not start " + name + " (" + Failures.describe(e) + "); a System.exit that an exit action"
                    + " called may set the process's status once the shutdown hooks are over");
        }
    }

    /**
     * Whether the JVM runs its shutdown hooks now: it then refuses new ones. (A hook run by hand, as
     * tests do, is not a shutdown.)
     */
    static boolean isShutdownInProgress() {
        // Does nothing if it runs: a shutdown beginning between the two calls below would run it.
        Thread probe = new Thread(NOTHING, "exitguard-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }


    @Override
    public void run() {
        synchronized (JvmShutdownLock.MONITOR) {
            // Keeps the lock until the process is gone, whoever interrupts.
            ExitThreads.waitForTheJvmToEnd();
        }
    }
}
