package dev.exitguard.bench.child;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records when each step of a {@link Plan} started and ended, and turns that into a
 * {@link Measure}. Each step is recorded by the thread that runs it; the arrays are read only
 * after {@link #awaitAll} has seen every step end, which orders the reads after the writes.
 */
public final class Recorder {

    private final Plan plan;
    private final long[] starts;
    private final long[] ends;
    private final CountDownLatch remaining;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long exitNanos;
    private long threadsStartedBefore;
    private int threadsLiveBefore;

    public Recorder(Plan plan) {
        this.plan = plan;
        this.starts = new long[plan.steps().size()];
        this.ends = new long[plan.steps().size()];
        this.remaining = new CountDownLatch(plan.steps().size());
    }

    public Plan plan() {
        return plan;
    }

    /** Marks the instant the exit is asked for; call it last before asking. */
    public void exitRequested() {
        threadsStartedBefore = threads.getTotalStartedThreadCount();
        threadsLiveBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        exitNanos = System.nanoTime();
    }

    /** Runs step {@code index}: records its start, sleeps its duration, records its end. */
    public void perform(int index) {
        starts[index] = System.nanoTime();
        try {
            int millis = plan.steps().get(index).millis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ends[index] = System.nanoTime();
            remaining.countDown();
        }
    }

    /** Waits until every step has ended; false if that took longer than {@code seconds}. */
    public boolean awaitAll(long seconds) throws InterruptedException {
        return remaining.await(seconds, TimeUnit.SECONDS);
    }

    /**
     * The measure of the exit: from {@link #exitRequested()} to {@code returnedNanos} or the last
     * step's end, whichever is later.
     *
     * @param returnedNanos when the library's stop call returned; 0 where nothing returns (hooks)
     */
    public Measure measure(long returnedNanos) {
        long last = returnedNanos;
        for (long end : ends) {
            last = Math.max(last, end);
        }
        int broken = 0;
        for (Plan.Step step : plan.steps()) {
            for (int before : step.after()) {
                if (starts[step.index()] < ends[before]) {
                    broken++;
                }
            }
        }
        long[] phaseEnd = new long[plan.phases()];
        for (Plan.Step step : plan.steps()) {
            phaseEnd[step.phase()] = Math.max(phaseEnd[step.phase()], ends[step.index()]);
        }
        int crossed = 0;
        for (Plan.Step step : plan.steps()) {
            for (int earlier = 0; earlier < step.phase(); earlier++) {
                if (starts[step.index()] < phaseEnd[earlier]) {
                    crossed++;
                    break;
                }
            }
        }
        long started = threads.getTotalStartedThreadCount() - threadsStartedBefore;
        int peak = Math.max(0, threads.getPeakThreadCount() - threadsLiveBefore);
        return new Measure(last - exitNanos, broken, plan.edgeCount(), crossed, started, peak, pathAsRun(),
                meanWaitNanos(phaseEnd));
    }

    /**
     * The limit with the durations as they ran (a sleep overshoots a little, more on a loaded
     * machine): the sum over phases of each phase's critical path. What a run takes beyond it is
     * the library's own doing.
     */
    private long pathAsRun() {
        long[] finish = new long[starts.length];
        long[] longest = new long[plan.phases()];
        for (Plan.Step step : plan.steps()) {
            long start = 0;
            for (int before : step.after()) {
                start = Math.max(start, finish[before]);
            }
            finish[step.index()] = start + (ends[step.index()] - starts[step.index()]);
            longest[step.phase()] = Math.max(longest[step.phase()], finish[step.index()]);
        }
        long total = 0;
        for (long phase : longest) {
            total += phase;
        }
        return total;
    }

    /**
     * The mean time from the moment a step could start (the exit asked for, its phase begun, what
     * it is after ended) to the moment it did; a step that started early counts as zero.
     */
    private long meanWaitNanos(long[] phaseEnd) {
        long total = 0;
        for (Plan.Step step : plan.steps()) {
            long ready = exitNanos;
            for (int earlier = 0; earlier < step.phase(); earlier++) {
                ready = Math.max(ready, phaseEnd[earlier]);
            }
            for (int before : step.after()) {
                ready = Math.max(ready, ends[before]);
            }
            total += Math.max(0, starts[step.index()] - ready);
        }
        return total / starts.length;
    }
}
