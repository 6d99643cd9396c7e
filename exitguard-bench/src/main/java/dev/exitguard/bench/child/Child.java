package dev.exitguard.bench.child;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The main class of every child JVM the benchmark starts: {@code Child TASK PEER [ARG]}. The
 * parent reads its standard output, one line per fact.
 *
 * <ul>
 *   <li>{@code plan PEER SPEC}: registers a {@link Plan}, asks for the exit, prints a {@link Measure}.
 *   <li>{@code stuck PEER}: registers one action that never returns, bounded to 2 s as the peer
 *       allows, prints {@code ready}, and waits for SIGTERM.
 *   <li>{@code signal PEER}: registers one action that prints when it starts, prints
 *       {@code ready}, and waits for SIGTERM.
 *   <li>{@code startup PEER}: registers 100 actions (none for {@code plain}; {@code serviceloader}
 *       only loads exitguard's 100 with {@link java.util.ServiceLoader}), prints {@code took} and the
 *       microseconds that took, then {@code ready}, and halts.
 *   <li>{@code armed PEER}: arms the peer with nothing to run ({@code ExitGuard.install()} on a class
 *       path without actions, one plain hook, Hadoop's manager, an empty Spring context, a Guava
 *       manager of no service; nothing for {@code plain}), prints {@code took} as {@code startup}
 *       does, then {@code ready}, and halts.
 *   <li>{@code gone PEER COUNT}: registers {@code COUNT} no-op actions so that the peer runs them
 *       when the JVM gets SIGTERM (nothing for {@code bare}), prints {@code ready}, and waits for it.
 *   <li>{@code memory PEER COUNT}: prints the heap retained per registered no-op action.
 *   <li>{@code registration WAY ORDER COUNT}: adds a chain of {@code COUNT} actions to a guard, with
 *       the builder or {@code register()} ({@code WAY}), in the chain's order, the reverse or a
 *       random one ({@code ORDER}), and prints how long it took (see {@link Registration}).
 * </ul>
 *
 * Each peer lives in a class of its own, so that a child needs only that peer's jars.
 */
public final class Child {

    /** The deadline of workload 4. */
    static final long STUCK_DEADLINE_MILLIS = 2_000;

    /** How many actions workload 6 registers. */
    static final int STARTUP_ACTIONS = 100;

    private Child() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: Child TASK PEER [ARG]");
        }
        String task = args[0];
        String peer = args[1];
        switch (task) {
            case "plan":
                plan(peer, Plan.parse(args[2]));
                break;
            case "stuck":
                stuck(peer);
                break;
            case "signal":
                signal(peer);
                break;
            case "startup":
                startup(peer);
                break;
            case "armed":
                armed(peer);
                break;
            case "gone":
                gone(peer, Integer.parseInt(args[2]));
                break;
            case "memory":
                memory(peer, Integer.parseInt(args[2]));
                break;
            case "registration":
                Quiet.noExitguardLog();
                Registration.run(peer, args[2], Integer.parseInt(args[3]));
                break;
            default:
                throw new IllegalArgumentException("unknown task [" + task + "]");
        }
    }

    private static void plan(String peer, Plan plan) throws Exception {
        // The report table of 10,000 actions is still built; only writing it to stderr is left out.
        Quiet.exitguardLog();
        Recorder recorder = new Recorder(plan);
        switch (peer) {
            case "hooks": HookPeer.plan(recorder); break;
            case "hadoop": HadoopPeer.plan(recorder); break;
            default: InProcess.measure(peer, recorder); break;
        }
    }

    private static void stuck(String peer) throws Exception {
        switch (peer) {
            case "exitguard": GuardPeer.stuck(); break;
            case "hooks": HookPeer.stuck(); break;
            case "guava": GuavaPeer.stuck(); break;
            case "spring-sync": SpringPeer.stuck(false); break;
            case "spring-async": SpringPeer.stuck(true); break;
            case "hadoop": HadoopPeer.stuck(); break;
            default: throw new IllegalArgumentException("unknown peer [" + peer + "]");
        }
        ready();
        waitForever();
    }

    private static void signal(String peer) throws Exception {
        switch (peer) {
            case "exitguard": GuardPeer.signal(true); break;
            case "exitguard-hook": GuardPeer.signal(false); break;
            case "hooks": HookPeer.signal(); break;
            default: throw new IllegalArgumentException("unknown peer [" + peer + "]");
        }
        ready();
        waitForever();
    }

    private static void startup(String peer) throws Exception {
        long start = System.nanoTime();
        switch (peer) {
            case "plain": break;
            case "serviceloader": GuardPeer.loadStartupActions(); break;
            case "exitguard": GuardPeer.startup(); break;
            case "hooks": HookPeer.register(STARTUP_ACTIONS); break;
            case "guava": GuavaPeer.register(STARTUP_ACTIONS); break;
            case "spring": SpringPeer.register(STARTUP_ACTIONS); break;
            case "hadoop": HadoopPeer.register(STARTUP_ACTIONS); break;
            default: throw new IllegalArgumentException("unknown peer [" + peer + "]");
        }
        took(start);
        ready();
        Runtime.getRuntime().halt(0);
    }

    /** Prints {@code took <microseconds>}: the peer's own start-up, measured inside the child. */
    private static void took(long start) {
        out().println("took " + (System.nanoTime() - start) / 1_000);
    }

    private static void armed(String peer) throws Exception {
        long start = System.nanoTime();
        switch (peer) {
            case "plain": break;
            case "exitguard": GuardPeer.startup(); break;
            case "hook": HookPeer.register(1); break;
            case "hadoop": HadoopPeer.armed(0); break;
            case "guava": GuavaPeer.armed(0); break;
            case "spring": SpringPeer.register(0); break;
            default: throw new IllegalArgumentException("unknown peer [" + peer + "]");
        }
        took(start);
        ready();
        Runtime.getRuntime().halt(0);
    }

    private static void gone(String peer, int count) throws Exception {
        switch (peer) {
            case "bare": break;
            case "exitguard": Quiet.exitguardLog(); GuardPeer.armed(count); break;
            case "exitguard-logged": GuardPeer.armed(count); break;
            case "hooks": HookPeer.register(count); break;
            case "hadoop": HadoopPeer.armed(count); break;
            case "guava": GuavaPeer.armed(count); break;
            case "spring": SpringPeer.register(count); break;
            default: throw new IllegalArgumentException("unknown peer [" + peer + "]");
        }
        ready();
        waitForever();
    }

    private static void memory(String peer, int count) throws Exception {
        Quiet.exitguardLog();
        long before = usedHeapAfterGc();
        Object held;
        switch (peer) {
            case "exitguard": held = GuardPeer.register(count); break;
            case "hooks": held = HookPeer.register(count); break;
            case "guava": held = GuavaPeer.register(count); break;
            case "spring": held = SpringPeer.register(count); break;
            case "hadoop": held = HadoopPeer.register(count); break;
            default: throw new IllegalArgumentException("unknown peer [" + peer + "]");
        }
        // Let start-up threads (Guava's, exitguard's warm-up) end before the heap is read.
        Thread.sleep(300);
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(held);
        out().println("MEMORY bytesPerAction=" + (after - before) / count);
        out().flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Holds the logger exitguard logs through, so that its level sticks. A class of its own: set up
     * in {@code Child}'s static initializer, java.util.logging would start in every child, the
     * start-up children of workload 6 included.
     */
    private static final class Quiet {
        private static final Logger EXITGUARD = Logger.getLogger("dev.exitguard");

        static void exitguardLog() {
            EXITGUARD.setLevel(Level.WARNING);
        }

        /**
         * Workload 8: registering an action whose {@code after()} names one not registered yet logs a
         * warning, a line for each such edge, which would otherwise be most of what the reverse and
         * random orders cost.
         */
        static void noExitguardLog() {
            EXITGUARD.setLevel(Level.OFF);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** What a plan child prints once its exit is over; then the child halts. */
    static void result(Measure measure) {
        out().println(measure.toLine());
        out().flush();
        Runtime.getRuntime().halt(0);
    }

    /** The same, from a shutdown hook: the JVM is exiting already, so no halt is needed. */
    static void resultFromHook(Measure measure) {
        out().println(measure.toLine());
        out().flush();
    }

    /**
     * The time between registration and exit: set-up threads end, and exitguard's warm-up, which
     * runs off the start-up path, is done, as it is when a real service gets its signal.
     */
    static void settle() throws InterruptedException {
        Thread.sleep(300);
    }

    static void ready() {
        out().println("ready");
        out().flush();
    }

    /** The first action of workload 5: takes the time first, prints it after. */
    static void printFirstAction() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        // Not "first " + micros: javac makes that an invokedynamic whose first call spins the
        // JDK's concatenation of a long (6-8 ms of method-handle classes on 2 cores), so the action
        // would cost more or less by what the peer's own code happened to concatenate before the
        // signal. A StringBuilder costs every peer the same.
        out().println(new StringBuilder("first ").append(micros).toString());
        out().flush();
    }

    /** An action that never returns, and ignores interrupts: the worst an action can do. */
    static void stuckForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Deliberately ignored: this action never returns.
            }
        }
    }

    private static void waitForever() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    static PrintStream out() {
        return System.out;
    }
}
