package dev.exitguard.core;

import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One exit: runs a fixed set of actions, phase by phase, each the moment what it is after has
 * finished, and bounds each by its timeout and all by the deadline.
 *
 * <p>The thread that calls {@link #execute()} only coordinates; actions run on {@code workers}.
 * When no thread can be had for an action (the JVM cannot start one: a process or container
 * limit on threads, {@code OutOfMemoryError: unable to create native thread}), the action is not
 * lost and the coordinator does not fail: the action waits for a thread, each worker that finishes
 * an action takes the next one waiting, and the hand-over is tried again every
 * {@link #THREAD_RETRY_NANOS}; its timeout and the deadline still bound it, waiting included.
 * Every change of an action's state happens under one lock, so an action that times out at the
 * instant it returns is settled exactly once, and a thread is only interrupted while it is still
 * inside the action that ran out of time.
 *
 * <p>Actions are handed to {@code workers} only once that lock is released: a worker's first step
 * takes the lock, so a hand-over under it would leave every worker waiting for the lock instead of
 * for work, and a cached pool would then start a thread for every action of a phase.
 */
final class ExitRun {

    /** How often the coordinator looks for actions stuck in {@code System.exit} once the JVM is shutting down. */
    private static final long SHUTDOWN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** How often actions waiting for a thread ask for one again, besides taking the thread of each action that ends. */
    static final long THREAD_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final ThreadLocal<Node> CURRENT = new ThreadLocal<>();

    private enum State { WAITING, RUNNING, DONE }

    private final ExitReason reason;
    private final Duration deadline;
    private final Optional<Duration> defaultTimeout;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition phaseDone = lock.newCondition();
    /**
     * Replaced, never changed, when the last phase adds its actions ({@link #runLastPhase()}); only
     * the coordinator replaces it.
     */
    private volatile List<Node> nodes;
    /** Under the lock: started actions not yet handed to a worker; see {@link #dispatch()}. */
    private final List<Node> toDispatch = new ArrayList<>();
    /** Under the lock: started actions for which no thread could be started yet, oldest first. */
    private final ArrayDeque<Node> waitingForThread = new ArrayDeque<>();
    /** Under the lock: why the last hand-over to a worker failed; null while none has. */
    private String threadShortage;
    private boolean threadRetryScheduled;
    private final long startNanos;
    private final Instant startedAt;
    private final long deadlineNanos;
    private final Instant deadlineInstant;

    private final boolean quiet;
    private volatile boolean jvmShuttingDown;
    private volatile boolean exitTakenOverByJvm;
    private volatile boolean actionFoundInSystemExit;
    private int unsettledInPhase;
    private long endNanos = -1;

    // ---- phase budgets and JFR events (issue 17) ----
    private final Map<Integer, Duration> phaseTimeouts;
    private final ExitEvents events;
    /** What {@link ExitEvents#exitBegan()} returned; handed back when the report is made. */
    private final Object exitEvent;
    /** Under the lock: when the running phase must be over, its budget's end or the deadline, whichever is first. */
    private long phaseEndNanos;
    /** Under the lock: the budget of the running phase, if it ends the phase before the deadline does. */
    private Duration bindingBudget;
    // ---- end of issue 17 ----

    /**
     * @param inJvmShutdown whether the JVM's own shutdown is already under way (the exit runs from
     *     the JVM shutdown hook): then an action that calls {@code System.exit} is stuck there from
     *     the start, and counts as finished at once
     * @param quiet whether what goes wrong is logged at debug rather than as a warning (the
     *     rehearsal at install)
     */
    ExitRun(ExitReason reason, List<ActionEntry> entries, Duration deadline, Optional<Duration> defaultTimeout,
            Map<Integer, Duration> phaseTimeouts, Executor workers, ScheduledExecutorService timer, Ticker ticker,
            ExitEvents events, boolean inJvmShutdown, boolean quiet) {
        this.reason = reason;
        this.quiet = quiet;
        this.jvmShuttingDown = inJvmShutdown;
        this.deadline = deadline;
        this.defaultTimeout = defaultTimeout;
        this.phaseTimeouts = phaseTimeouts;
        this.events = events;
        this.exitEvent = events.exitBegan();
        this.workers = workers;
        this.timer = timer;
        this.ticker = ticker;
        this.startNanos = ticker.nanoTime();
        this.startedAt = ticker.instant();
        this.deadlineNanos = startNanos + deadline.toNanos();
        this.deadlineInstant = startedAt.plus(deadline);
        this.nodes = order(entries);
    }

    /** The node whose action the current thread is running, if it is running one. */
    static Optional<String> currentAction() {
        Node node = CURRENT.get();
        return node == null ? Optional.empty() : Optional.of(node.entry.name());
    }

    /** Whether the current thread is running an action of this exit. */
    boolean isActionThread() {
        Node node = CURRENT.get();
        return node != null && node.run() == this;
    }

    ExitReason reason() {
        return reason;
    }

    long startNanos() {
        return startNanos;
    }

    /** Whether the JVM's own shutdown has begun (this exit runs from its hook, or the hook has run). */
    boolean jvmShuttingDown() {
        return jvmShuttingDown;
    }

    /**
     * The JVM's shutdown began elsewhere while this exit was to end the process: the process exits
     * with a status this exit cannot see, so a watchdog halt uses {@link ExitGuard#UNKNOWN_STATUS_HALT_CODE}.
     */
    void exitTakenOverByJvm() {
        exitTakenOverByJvm = true;
    }

    boolean isExitTakenOverByJvm() {
        return exitTakenOverByJvm;
    }

    /** Whether an action was found inside {@code System.exit}, and counted as finished. */
    boolean actionFoundInSystemExit() {
        return actionFoundInSystemExit;
    }

    /**
     * From now on, an action whose thread is stuck inside {@code System.exit} counts as finished:
     * that thread waits for the JVM's shutdown hooks, one of which waits for this exit, so waiting
     * for the action would only end at its timeout.
     */
    void jvmShutdownBegan() {
        jvmShuttingDown = true;
        lock.lock();
        try {
            phaseDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs every action and returns the report; blocks until all have settled or the deadline. */
    ExitReport execute() {
        int from = 0;
        while (from < nodes.size()) {
            int phase = nodes.get(from).entry.phase();
            int to = from;
            while (to < nodes.size() && nodes.get(to).entry.phase() == phase) {
                to++;
            }
            runPhase(nodes.subList(from, to));
            from = to;
        }
        runLastPhase();
        lock.lock();
        try {
            endNanos = ticker.nanoTime();
            return report(null);
        } finally {
            lock.unlock();
        }
    }

    private void runPhase(List<Node> phase) {
        lock.lock();
        try {
            if (ticker.nanoTime() - deadlineNanos >= 0) {
                for (Node node : phase) {
                    skip(node, "not started: the exit deadline passed before phase "
                            + ExitPhase.nameOf(node.entry.phase()) + " began");
                }
                return;
            }
            unsettledInPhase = phase.size();
            beginBudget(phase.get(0).entry.phase());
            for (Node node : phase) {
                if (node.pending == 0) {
                    start(node);
                }
            }
        } finally {
            lock.unlock();
        }
        dispatch();
        lock.lock();
        try {
            while (unsettledInPhase > 0) {
                long left = phaseEndNanos - ticker.nanoTime();
                if (left <= 0) {
                    if (bindingBudget != null) {
                        abandonAtBudget(phase);
                    } else {
                        abandonAtDeadline(phase);
                    }
                    return;
                }
                if (jvmShuttingDown) {
                    releaseActionsInSystemExit(phase);
                    if (!toDispatch.isEmpty()) {
                        lock.unlock();
                        try {
                            dispatch();
                        } finally {
                            lock.lock();
                        }
                        continue;
                    }
                    if (unsettledInPhase == 0) {
                        return;
                    }
                    left = Math.min(left, SHUTDOWN_POLL_NANOS);
                }
                phaseDone.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            // Whoever interrupted the coordinator wants the exit over: give up on what still runs.
            Thread.currentThread().interrupt();
            abandonAtDeadline(phase);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void start(Node node) {
        node.state = State.RUNNING;
        node.startNanos = ticker.nanoTime();
        Optional<Duration> timeout = node.entry.timeout().or(() -> defaultTimeout);
        if (timeout.isPresent()) {
            long end = node.startNanos + timeout.get().toNanos();
            node.endNanos = end - phaseEndNanos < 0 ? end : phaseEndNanos;
            if (end - phaseEndNanos < 0) {
                try {
                    node.timeout = timer.schedule(() -> timeOut(node, timeout.get()),
                            end - node.startNanos, TimeUnit.NANOSECONDS);
                } catch (Throwable e) {
                    // The timer could not take it (its thread could not be started): the phase's end still bounds the action.
                    warn("could not arm the timeout of exit action " + node.entry.label() + " ("
                            + Failures.describe(e) + "); the exit's deadline still bounds it");
                }
            }
        } else {
            node.endNanos = phaseEndNanos;
        }
        toDispatch.add(node);
    }

    /**
     * Not under the lock: hands every started action to a worker. Whoever starts actions calls
     * this once it has released the lock. An action no thread can be had for waits for one (see
     * {@link #waitForThread}), and so do those behind it: the next hand-over would fail alike.
     */
    private void dispatch() {
        while (true) {
            List<Node> batch;
            lock.lock();
            try {
                if (toDispatch.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(toDispatch);
                toDispatch.clear();
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < batch.size(); i++) {
                Throwable refused = handOver(batch.get(i));
                if (refused != null) {
                    waitForThread(batch.subList(i, batch.size()), refused);
                    break;
                }
            }
        }
    }

    /** Hands {@code node} to a worker; returns what prevented it, or null. */
    private Throwable handOver(Node node) {
        try {
            workers.execute(() -> runOnWorker(node));
            return null;
        } catch (Throwable e) {
            // OutOfMemoryError "unable to create native thread" (a limit on threads), a rejection,
            // or a pool failing in its own way: the action waits for a thread; it is never lost.
            return e;
        }
    }

    /** Not under the lock: {@code nodes} wait for a thread, because {@code why}. */
    private void waitForThread(List<Node> nodes, Throwable why) {
        String shortage = Failures.describe(why);
        boolean first;
        lock.lock();
        try {
            first = threadShortage == null;
            threadShortage = shortage;
            for (Node node : nodes) {
                if (node.state == State.RUNNING && !node.taken) {
                    node.waitedForThread = true;
                    waitingForThread.add(node);
                }
            }
            scheduleThreadRetry();
        } finally {
            lock.unlock();
        }
        if (first) {
            warn("could not start a thread for exit action " + nodes.get(0).entry.label() + " (" + shortage
                    + "); exit actions now wait for a thread: each takes the thread of an action that ends, or"
                    + " one started later, still bounded by its timeout and the exit's deadline");
        }
    }

    private void warn(String message) {
        Log.log(quiet ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, message);
    }

    /** Under the lock. */
    private void scheduleThreadRetry() {
        if (threadRetryScheduled || waitingForThread.isEmpty()) {
            return;
        }
        try {
            timer.schedule(this::retryThreads, THREAD_RETRY_NANOS, TimeUnit.NANOSECONDS);
            threadRetryScheduled = true;
        } catch (Throwable e) {
            // Then only the threads of actions that end serve the waiting ones.
        }
    }

    private void retryThreads() {
        lock.lock();
        try {
            threadRetryScheduled = false;
            for (Node node = waitingForThread.poll(); node != null; node = waitingForThread.poll()) {
                if (node.state == State.RUNNING && !node.taken) {
                    toDispatch.add(node);
                }
            }
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /** Under the lock: the oldest action still waiting for a thread, taken; null if none waits. */
    private Node takeWaitingForThread() {
        for (Node node = waitingForThread.poll(); node != null; node = waitingForThread.poll()) {
            if (node.state == State.RUNNING && !node.taken) {
                return node;
            }
        }
        return null;
    }

    /**
     * Runs {@code first} on this worker, then, while actions wait for a thread, the oldest of them:
     * a thread that frees up serves them before it goes back to the pool.
     */
    private void runOnWorker(Node first) {
        Node node = first;
        while (node != null) {
            runHere(node);
            dispatch();
            lock.lock();
            try {
                node = takeWaitingForThread();
            } finally {
                lock.unlock();
            }
        }
    }

    private void runHere(Node node) {
        Thread thread = Thread.currentThread();
        lock.lock();
        try {
            if (node.state != State.RUNNING || node.taken) {
                return;
            }
            node.taken = true;
            node.thread = thread;
            node.ranNanos = ticker.nanoTime();
            node.event = events.actionBegan();
        } finally {
            lock.unlock();
        }
        String workerName = thread.getName();
        thread.setName("exitguard-action-" + node.entry.name());
        CURRENT.set(node);
        Throwable failure = null;
        try {
            node.entry.action().run(node);
        } catch (Throwable e) {
            failure = e;
        } finally {
            CURRENT.remove();
            thread.setName(workerName);
        }
        lock.lock();
        try {
            if (node.state == State.RUNNING) {
                settle(node, failure == null ? Outcome.SUCCEEDED : Outcome.FAILED, failure, null, node.waitedForThread
                        ? "waited " + Durations.format(Duration.ofNanos(node.ranNanos - node.startNanos))
                                + " for a thread (" + threadShortage + ")"
                        : "");
            }
            node.thread = null;
        } finally {
            // An interrupt meant for this action must not reach the next task of this worker.
            Thread.interrupted();
            lock.unlock();
        }
    }

    private void timeOut(Node node, Duration timeout) {
        lock.lock();
        try {
            if (node.state == State.RUNNING) {
                if (neverGotAThread(node)) {
                    settle(node, Outcome.SKIPPED, null, null, "not started: no thread could be had for it within its"
                            + " timeout of " + Durations.format(timeout) + " (" + threadShortage + ")");
                } else {
                    interruptAndSettle(node, "ran past its timeout of " + Durations.format(timeout) + " and was interrupted");
                }
            }
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /** Under the lock. */
    private void abandonAtDeadline(List<Node> phase) {
        // Skip the waiting first: settling a running action would otherwise start what waits for it.
        for (Node node : phase) {
            if (node.state == State.WAITING) {
                skip(node, "not started: the exit deadline (" + Durations.format(deadline)
                        + ") passed while it waited for " + node.entry.after());
            }
        }
        for (Node node : phase) {
            if (node.state == State.RUNNING && neverGotAThread(node)) {
                settle(node, Outcome.SKIPPED, null, null, "not started: no thread could be had for it before the exit"
                        + " deadline (" + Durations.format(deadline) + ") (" + threadShortage + ")");
            } else if (node.state == State.RUNNING) {
                interruptAndSettle(node, "still running at the exit deadline (" + Durations.format(deadline)
                        + "); interrupted and abandoned");
            }
        }
    }

    /** Under the lock: whether {@code node} waits for a thread the JVM could not start, and never ran. */
    private static boolean neverGotAThread(Node node) {
        return node.waitedForThread && !node.taken;
    }

    // ---- phase budgets (issue 17) ----

    /** Under the lock: the running phase ends at its budget's end, or at the deadline if that comes first. */
    private void beginBudget(int phase) {
        phaseEndNanos = deadlineNanos;
        bindingBudget = null;
        Duration budget = phaseTimeouts.get(phase);
        if (budget != null) {
            long end = ticker.nanoTime() + budget.toNanos();
            if (end - deadlineNanos < 0) {
                phaseEndNanos = end;
                bindingBudget = budget;
            }
        }
    }

    /** Under the lock: the budget of the phase has run out; what still runs is cut off as at the deadline. */
    private void abandonAtBudget(List<Node> phase) {
        String limit = "the budget of phase " + ExitPhase.nameOf(phase.get(0).entry.phase()) + " ("
                + Durations.format(bindingBudget) + ")";
        for (Node node : phase) {
            if (node.state == State.WAITING) {
                skip(node, "not started: " + limit + " ran out while it waited for " + node.entry.after());
            }
        }
        for (Node node : phase) {
            if (node.state == State.RUNNING && neverGotAThread(node)) {
                settle(node, Outcome.SKIPPED, null, null, "not started: no thread could be had for it before " + limit
                        + " ran out (" + threadShortage + ")");
            } else if (node.state == State.RUNNING) {
                interruptAndSettle(node, "still running when " + limit + " ran out; interrupted and abandoned");
            }
        }
    }

    // ---- end of phase budgets ----

    /** The JFR event of the whole exit, once its report is made (see {@link ExitEvents}; issue 17). */
    void reported(ExitReport report) {
        events.exitEnded(exitEvent, report);
    }

    /** Under the lock. */
    private void interruptAndSettle(Node node, String detail) {
        Thread thread = node.thread;
        String stack = thread == null ? "(its thread had not yet started it)"
                : Stacks.format(watched(node).getStackTrace());
        settle(node, Outcome.TIMED_OUT, null, stack, detail);
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Under the lock. */
    private void releaseActionsInSystemExit(List<Node> phase) {
        for (Node node : phase) {
            Thread thread = node.thread;
            if (node.state == State.RUNNING && thread != null && Stacks.isInSystemExit(watched(node).getStackTrace())) {
                actionFoundInSystemExit = true;
                settle(node, Outcome.SUCCEEDED, null, null,
                        "called System.exit; counted as finished so that the rest of the exit goes on");
            }
        }
    }

    /** Under the lock. */
    private void skip(Node node, String detail) {
        node.state = State.DONE;
        node.outcome = Outcome.SKIPPED;
        node.detail = detail;
        events.actionEnded(null, node.entry.name(), node.entry.phase(), Outcome.SKIPPED, null, detail);
    }

    /** Under the lock: records the outcome and starts whatever was waiting only for this node. */
    private void settle(Node node, Outcome outcome, Throwable failure, String stack, String detail) {
        node.state = State.DONE;
        node.outcome = outcome;
        node.failure = failure;
        node.stack = stack;
        node.detail = detail;
        node.doneNanos = ticker.nanoTime();
        if (node.timeout != null) {
            node.timeout.cancel(false);
        }
        events.actionEnded(node.event, node.entry.name(), node.entry.phase(), outcome, node.thread,
                failure != null ? Failures.describe(failure) : detail);
        for (Node dependent : node.dependents) {
            if (--dependent.pending == 0 && dependent.state == State.WAITING) {
                start(dependent);
            }
        }
        if (--unsettledInPhase == 0) {
            phaseDone.signalAll();
        }
    }

    // ---- foreign shutdown hooks (issue 13): a last phase known only when it begins -------------

    /** The actions of a last phase, known only when the exit reaches it: the JVM's other shutdown hooks. */
    interface LastPhase {
        /** Called once, by the coordinator, when every other phase is over; may return nothing. */
        List<ActionEntry> take();
    }

    /** Where the actions of the last phase come from; null if there is none. */
    private volatile LastPhase lastPhase;

    /** Gives this exit a last phase; before {@link #execute()}. */
    void lastPhase(LastPhase source) {
        this.lastPhase = source;
    }

    private void runLastPhase() {
        LastPhase source = lastPhase;
        if (source == null) {
            return;
        }
        List<ActionEntry> entries;
        try {
            entries = source.take();
        } catch (RuntimeException | LinkageError e) {
            Log.warning("could not take the JVM's other shutdown hooks for the exit: " + e);
            return;
        }
        if (entries.isEmpty()) {
            return;
        }
        List<Node> added = new ArrayList<>(entries.size());
        for (ActionEntry entry : entries) {
            added.add(new Node(entry));
        }
        lock.lock();
        try {
            List<Node> all = new ArrayList<>(nodes);
            all.addAll(added);
            nodes = List.copyOf(all);
        } finally {
            lock.unlock();
        }
        runPhase(added);
    }

    /**
     * Called from inside an action whose work goes on on another thread, {@code thread} (an adopted
     * shutdown hook it started): from now on that thread's stack is the one the report shows and
     * the one looked at for {@code System.exit}. A timeout or the deadline still interrupts the
     * action's own thread, which passes the interrupt on: so the action ends only once its outcome
     * is settled, never a moment before as if it had succeeded.
     */
    static void workOn(Thread thread) {
        Node node = CURRENT.get();
        if (node == null) {
            return;
        }
        ExitRun run = node.run();
        run.lock.lock();
        try {
            if (node.state == State.RUNNING) {
                node.workThread = thread;
            }
        } finally {
            run.lock.unlock();
        }
    }

    /** Under the lock: the thread whose stack tells where {@code node} is. */
    private static Thread watched(Node node) {
        return node.workThread != null ? node.workThread : node.thread;
    }

    // ---- end of foreign shutdown hooks ----

    /** The names of the actions running now, with how long each has run and where it is. */
    List<String> describeRunning() {
        lock.lock();
        try {
            List<String> out = new ArrayList<>();
            long now = ticker.nanoTime();
            for (Node node : nodes) {
                if (node.state == State.RUNNING && neverGotAThread(node)) {
                    out.add(node.entry.label() + " waiting for a thread for "
                            + Durations.format(Duration.ofNanos(now - node.startNanos)) + " (" + threadShortage + ")");
                } else if (node.state == State.RUNNING) {
                    Thread thread = node.thread;
                    out.add(node.entry.label() + " running for " + Durations.format(Duration.ofNanos(now - node.startNanos))
                            + (thread == null ? "" : ", at:\n" + Stacks.format(watched(node).getStackTrace())));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The report as it stands, for a halt: what is still running counts as timed out (with its
     * stack), what has not started as skipped, each with {@code why} as the detail.
     */
    ExitReport reportNow(String why) {
        lock.lock();
        try {
            return report(why);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private ExitReport report(String unsettledWhy) {
        long now = ticker.nanoTime();
        List<ActionReport> actions = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            Outcome outcome = node.outcome;
            String detail = node.detail;
            String stack = node.stack;
            long done = node.doneNanos;
            if (node.state == State.RUNNING && neverGotAThread(node)) {
                outcome = Outcome.SKIPPED;
                detail = (unsettledWhy == null ? "not started" : unsettledWhy) + " (it was waiting for a thread: "
                        + threadShortage + ")";
            } else if (node.state == State.RUNNING) {
                outcome = Outcome.TIMED_OUT;
                Thread thread = node.thread;
                stack = thread == null ? "(its thread had not yet started it)"
                        : Stacks.format(watched(node).getStackTrace());
                detail = unsettledWhy;
                done = now;
            } else if (node.state == State.WAITING) {
                outcome = Outcome.SKIPPED;
                detail = unsettledWhy;
            }
            boolean started = outcome != Outcome.SKIPPED;
            long ran = node.ranNanos != 0 ? node.ranNanos : node.startNanos;
            actions.add(new ActionReport(node.entry.name(), node.entry.phase(), outcome,
                    started ? Duration.ofNanos(ran - startNanos) : Duration.ZERO,
                    started ? Duration.ofNanos(done - ran) : Duration.ZERO,
                    Optional.ofNullable(node.failure), Optional.ofNullable(stack), detail == null ? "" : detail,
                    node.facts.snapshot()));
        }
        long end = endNanos >= 0 ? endNanos : now;
        return new ExitReport(reason, startedAt, Duration.ofNanos(end - startNanos), deadline, actions);
    }

    /** The nodes in {@link RunOrder}, each knowing what waits for it and how many it waits for. */
    private List<Node> order(List<ActionEntry> entries) {
        Map<String, Node> byName = new HashMap<>();
        List<Node> ordered = new ArrayList<>(entries.size());
        for (ActionEntry entry : RunOrder.of(entries)) {
            Node node = new Node(entry);
            byName.put(entry.name(), node);
            ordered.add(node);
        }
        for (Node node : ordered) {
            for (String target : node.entry.after()) {
                Node other = byName.get(target);
                if (other != null && other.entry.phase() == node.entry.phase()) {
                    node.pending++;
                    other.dependents.add(node);
                }
            }
        }
        return List.copyOf(ordered);
    }

    /** One action in this exit; it is also the context the action is given. */
    private final class Node implements ExitContext {
        final ActionEntry entry;
        final List<Node> dependents = new ArrayList<>();
        int pending;
        State state = State.WAITING;
        /** Whether a worker has taken it to run: it runs once, however often it was handed over. */
        boolean taken;
        /** Whether it had to wait because no thread could be started for it. */
        boolean waitedForThread;
        Thread thread;
        /** The thread the action's work went on to, if not its own (see {@link ExitRun#workOn}); issue 13. */
        Thread workThread;
        /** When it was started: its timeout runs from here. */
        long startNanos;
        /** When a worker began running it; 0 until then. Later than startNanos only when workers are busy. */
        long ranNanos;
        long endNanos;
        long doneNanos;
        ScheduledFuture<?> timeout;
        /** What {@link ExitEvents#actionBegan()} returned when a worker began running it. */
        Object event;
        final Facts facts;
        Outcome outcome;
        Throwable failure;
        String stack;
        String detail;

        Node(ActionEntry entry) {
            this.entry = entry;
            this.facts = new Facts(entry.name());
        }

        ExitRun run() {
            return ExitRun.this;
        }

        @Override
        public ExitReason reason() {
            return reason;
        }

        @Override
        public Instant deadline() {
            return deadlineInstant;
        }

        @Override
        public Duration remaining() {
            long end;
            lock.lock();
            try {
                end = endNanos;
            } finally {
                lock.unlock();
            }
            long left = end - ticker.nanoTime();
            return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
        }

        @Override
        public void fact(String name, long value) {
            facts.put(name, value);
        }

        @Override
        public void fact(String name, String value) {
            facts.put(name, value);
        }

        @Override
        public String toString() {
            return "ExitContext[" + entry.label() + ", " + reason + ", remaining " + Durations.format(remaining()) + "]";
        }
    }
}
