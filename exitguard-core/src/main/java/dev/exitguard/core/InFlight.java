package dev.exitguard.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the units of work in flight (requests being served, messages being handled) and, once its
 * intake is stopped, refuses new ones while those already in finish: what a service needs so that
 * its exit cuts nothing short.
 *
 * <pre>{@code
 * InFlight http = InFlight.named("http");
 * ExitGuard.builder().action(ExitActions.drain(http)).install();   // DRAIN: stop intake, wait
 *
 * void handle(Request request) {
 *     try (InFlight.Ticket ticket = http.enter()) {                 // refused once the exit began
 *         serve(request);
 *     }
 * }
 * }</pre>
 *
 * <h2>When new work is refused</h2>
 * From the moment its intake is stopped, {@link #enter()} throws {@link RejectedExecutionException}
 * naming this tracker and what stopped it, and keeps doing so: intake never reopens. Intake is
 * stopped by the first of
 * <ul>
 *   <li>the beginning of an exit whose guard holds an {@link ExitActions#drain(InFlight)
 *       ExitActions.drain} of this tracker: the moment the exit begins (a signal, {@code exit},
 *       {@code runActions}, the JVM's shutdown), before any phase runs;
 *   <li>the start of a drain made with {@link StopIntake#WHEN_DRAIN_BEGINS}, which keeps taking and
 *       serving work until then, through a pre-stop pause in {@code STOP_INTAKE} (an
 *       {@link ExitActions#delay}) that lets a load balancer notice the instance is going; and
 *   <li>a call to {@link #stopIntake()}.
 * </ul>
 * A tracker belongs to no guard: it is stopped by whichever of these comes first, in whichever
 * guard (installed or not), and a tracker that nothing drains or stops simply counts. A drain
 * registered at any time before the exit begins counts, as any action does.
 *
 * <h2>What is promised</h2>
 * Stopping intake (at the exit's beginning too) and entering are atomic with respect to each
 * other: a unit is either admitted (and then counted until its ticket is closed, and waited for by
 * every drain) or refused; none slips in after the stop. exitguard never interrupts or cancels the work itself: a unit still in
 * flight when the drain's time is up runs on, and the drain's report row says how many there were.
 *
 * <h2>Cost</h2>
 * {@link #enter()} is one compare-and-set on an {@link AtomicLong}, closing a ticket one atomic add;
 * the ticket is a small object that the JIT removes when the {@code try} block does not let it
 * escape (see {@code exitguard-bench/README.md} for the figures against an {@code AtomicInteger}
 * and a {@link java.util.concurrent.Phaser}).
 *
 * <p>Thread-safe. Names are for messages and the drain's action name; they need not be unique.
 *
 * @since 0.1
 */
public final class InFlight {

    /** The bit of {@link #state} that says intake is stopped; the bits below it count what is in flight. */
    private static final long STOPPED = 1L << 62;
    private static final long COUNT = STOPPED - 1;

    private final String name;
    private final AtomicLong state = new AtomicLong();
    /** Guards the waits of {@link #awaitEmpty}, and keeps two stoppers apart. */
    private final Object monitor = new Object();
    /** Threads in {@link #awaitEmpty}: only while there are some does the count reaching zero wake anyone. */
    private volatile int waiters;
    /** Who stopped intake, for the refusal's message; written before {@link #STOPPED} is set, so a refusal sees it. */
    private volatile String stoppedBy;

    private InFlight(String name) {
        this.name = name;
    }

    /**
     * A new tracker called {@code name}, with intake open and nothing in flight.
     *
     * @param name what messages and the drain's action name call it
     * @return the tracker
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static InFlight named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an InFlight's name must not be blank: [" + name + "]");
        }
        return new InFlight(name);
    }

    /**
     * This tracker's name.
     *
     * @return the name given to {@link #named(String)}
     */
    public String name() {
        return name;
    }

    /**
     * Admits one unit of work: it counts as in flight until the ticket is closed. Use it in
     * try-with-resources, so the ticket is closed however the work ends.
     *
     * @return the ticket to close when the unit of work is over
     * @throws RejectedExecutionException once intake is stopped, naming this tracker and what stopped it
     */
    public Ticket enter() {
        AtomicLong state = this.state;
        while (true) {
            long current = state.get();
            if (current >= STOPPED) {
                throw refused();
            }
            if (state.compareAndSet(current, current + 1)) {
                return new Held(this);
            }
        }
    }

    /**
     * Stops intake: from now on {@link #enter()} is refused. What is in flight is not touched. Does
     * nothing if intake is already stopped.
     *
     * @return whether this call stopped it (false if it already was)
     */
    public boolean stopIntake() {
        return stop("InFlight.stopIntake()") >= 0;
    }

    /**
     * Whether {@link #enter()} still admits work.
     *
     * @return false once intake is stopped
     */
    public boolean isAccepting() {
        return state.get() < STOPPED;
    }

    /**
     * How many units are in flight now: admitted, their tickets not yet closed.
     *
     * @return the number in flight
     */
    public long count() {
        return state.get() & COUNT;
    }

    /**
     * Waits until nothing is in flight, at most {@code limit}. Stops nothing: while intake is open,
     * it returns at the first instant the count is zero, and new work may enter right after.
     *
     * @param limit how long to wait at most; not negative
     * @return true if nothing was in flight, false if {@code limit} ran out first
     * @throws InterruptedException if the waiting thread is interrupted; nothing changes then
     */
    public boolean awaitEmpty(Duration limit) throws InterruptedException {
        Durations.checkRange("limit", limit);
        if (count() == 0) {
            return true;
        }
        long end = System.nanoTime() + Math.min(limit.toNanos(), Durations.MAX.toNanos());
        synchronized (monitor) {
            // Published before the count is read: a ticket closed after that read sees this waiter.
            waiters++;
            try {
                while (count() > 0) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                }
                return true;
            } finally {
                waiters--;
            }
        }
    }

    /**
     * Stops intake, if it is not yet stopped, on behalf of {@code who} (named in the refusals).
     *
     * @return the number in flight at the instant this call stopped intake, or -1 if it already was
     */
    long stop(String who) {
        synchronized (monitor) {
            long current = state.get();
            if (current >= STOPPED) {
                return -1;
            }
            stoppedBy = who;
            // The monitor keeps other stoppers out; enters and closes still race, hence the loop.
            while (!state.compareAndSet(current, current | STOPPED)) {
                current = state.get();
            }
            return current & COUNT;
        }
    }

    private void leave() {
        long now = state.decrementAndGet();
        if ((now & COUNT) == 0 && waiters > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    private RejectedExecutionException refused() {
        return new RejectedExecutionException("InFlight [" + name + "] takes no new work: its intake was stopped by "
                + stoppedBy + "; " + count() + " still in flight");
    }

    @Override
    public String toString() {
        long current = state.get();
        return "InFlight[" + name + ", " + (current & COUNT) + " in flight, "
                + (current >= STOPPED ? "intake stopped" : "accepting") + "]";
    }

    /**
     * When a drain stops the intake of its tracker.
     *
     * @since 0.1
     */
    public enum StopIntake {
        /** The moment the exit begins, before any phase runs: the default. */
        WHEN_EXIT_BEGINS,
        /**
         * When the drain starts, in its phase: work is still taken and served until then, as a
         * pre-stop pause in {@code STOP_INTAKE} intends.
         */
        WHEN_DRAIN_BEGINS
    }

    /**
     * One admitted unit of work; closing it says the work is over, whatever its outcome.
     *
     * <p>Close it once, from one thread at a time (it may be handed to another thread, e.g. the one
     * that completes an asynchronous request); a second close does nothing.
     *
     * @since 0.1
     */
    public interface Ticket extends AutoCloseable {

        /** Ends this unit of work: it no longer counts as in flight. Throws nothing. */
        @Override
        void close();
    }

    /** A ticket: small and final, so the JIT can keep it in registers when it does not escape. */
    private static final class Held implements Ticket {
        private final InFlight owner;
        private boolean closed;

        Held(InFlight owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                owner.leave();
            }
        }

        @Override
        public String toString() {
            return "InFlight.Ticket[" + owner.name + (closed ? ", closed]" : "]");
        }
    }
}
