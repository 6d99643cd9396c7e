package dev.exitguard.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands the started actions of one {@link ExitRun} to worker threads, and keeps those no thread
 * can be had for (the JVM cannot start one: a process or container limit on threads,
 * {@code OutOfMemoryError: unable to create native thread}) waiting rather than lost: each worker
 * that finishes an action takes the oldest one waiting, and the hand-over is tried again every
 * {@link #THREAD_RETRY_NANOS}.
 *
 * <p>Actions are handed to workers only once the run's lock is released: a worker's first step
 * takes the lock, so a hand-over under it would leave every worker waiting for the lock instead of
 * for work, and a cached pool would then start a thread for every action of a phase. Its state is
 * guarded by the run's lock.
 */
final class ThreadHandOver {

    /** How often actions waiting for a thread ask for one again, besides taking the thread of each action that ends. */
    static final long THREAD_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ExitRun run;
    private final ReentrantLock lock;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    /** Under the lock: started actions not yet handed to a worker; see {@link #dispatch()}. */
    private final List<ActionNode> toDispatch = new ArrayList<>();
    /** Under the lock: started actions for which no thread could be started yet, oldest first. */
    private final ArrayDeque<ActionNode> waitingForThread = new ArrayDeque<>();
    /** Under the lock: why the last hand-over to a worker failed; null while none has. */
    private String threadShortage;
    private boolean threadRetryScheduled;

    ThreadHandOver(ExitRun run, ReentrantLock lock, Executor workers, ScheduledExecutorService timer) {
        this.run = run;
        this.lock = lock;
        this.workers = workers;
        this.timer = timer;
    }

    /** Under the lock: {@code node} is started, and goes to a worker at the next {@link #dispatch()}. */
    void queue(ActionNode node) {
        toDispatch.add(node);
    }

    /** Under the lock: whether started actions wait for {@link #dispatch()}. */
    boolean hasQueued() {
        return !toDispatch.isEmpty();
    }

    /** Under the lock: why the last hand-over failed; null while none has. */
    String shortage() {
        return threadShortage;
    }

    /**
     * Not under the lock: hands every started action to a worker. Whoever starts actions calls
     * this once it has released the lock. An action no thread can be had for waits for one (see
     * {@link #waitForThread}), and so do those behind it: the next hand-over would fail alike.
     */
    void dispatch() {
        while (true) {
            List<ActionNode> batch;
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
    private Throwable handOver(ActionNode node) {
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
    private void waitForThread(List<ActionNode> nodes, Throwable why) {
        String shortage = Failures.describe(why);
        boolean first;
        lock.lock();
        try {
            first = threadShortage == null;
            threadShortage = shortage;
            for (ActionNode node : nodes) {
                if (node.state == ActionNode.State.RUNNING && !node.taken) {
                    node.waitedForThread = true;
                    waitingForThread.add(node);
                }
            }
            scheduleThreadRetry();
        } finally {
            lock.unlock();
        }
        if (first) {
            run.warn("could not start a thread for exit action " + nodes.get(0).entry.label() + " (" + shortage
                    + "); exit actions now wait for a thread: each takes the thread of an action that ends, or"
                    + " one started later, still bounded by its timeout and the exit's deadline");
        }
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
            for (ActionNode node = waitingForThread.poll(); node != null; node = waitingForThread.poll()) {
                if (node.state == ActionNode.State.RUNNING && !node.taken) {
                    toDispatch.add(node);
                }
            }
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    /** Under the lock: the oldest action still waiting for a thread, taken; null if none waits. */
    private ActionNode takeWaitingForThread() {
        for (ActionNode node = waitingForThread.poll(); node != null; node = waitingForThread.poll()) {
            if (node.state == ActionNode.State.RUNNING && !node.taken) {
                return node;
            }
        }
        return null;
    }

    /**
     * Runs {@code first} on this worker, then, while actions wait for a thread, the oldest of them:
     * a thread that frees up serves them before it goes back to the pool.
     */
    private void runOnWorker(ActionNode first) {
        ActionNode node = first;
        while (node != null) {
            run.runHere(node);
            dispatch();
            lock.lock();
            try {
                node = takeWaitingForThread();
            } finally {
                lock.unlock();
            }
        }
    }
}
