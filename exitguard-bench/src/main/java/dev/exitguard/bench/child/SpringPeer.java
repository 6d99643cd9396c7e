package dev.exitguard.bench.child;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Spring's {@link DefaultLifecycleProcessor}: {@link SmartLifecycle} beans of a
 * {@link GenericApplicationContext}, stopped when it closes, phase by phase (highest first), each
 * phase a barrier bounded by {@code timeoutPerShutdownPhase}. A bean's plain {@code stop()} runs on
 * the closing thread, so a phase of such beans runs one bean at a time; a bean that stops
 * asynchronously ({@code stop(Runnable)}) runs beside the others. There are no edges inside a phase
 * that wait for an asynchronous stop, so a plan's edges become phases: each level of a plan phase
 * (see {@link Plan#levels()}) is a Spring phase of its own.
 */
final class SpringPeer {

    private SpringPeer() {
    }

    /**
     * The plan as beans of a refreshed context; the exit is {@code close()}. Spring stops the
     * highest phase first, so plan phase {@code p}, level {@code l} becomes Spring phase
     * {@code -(p * 100,000 + l)}.
     */
    static InProcess prepare(Plan plan, IntConsumer work, boolean async) {
        int[] levels = plan.levels();
        ExecutorService stoppers = async ? Executors.newCachedThreadPool(daemons()) : null;
        GenericApplicationContext context = context(600_000);
        for (Plan.Step step : plan.steps()) {
            int phase = -(step.phase() * 100_000 + levels[step.index()]);
            Runnable stop = () -> work.accept(step.index());
            context.registerBean(step.name(), SmartLifecycle.class,
                    () -> async ? new AsyncBean(phase, stop, stoppers) : new SyncBean(phase, stop));
        }
        context.refresh();
        return new InProcess() {
            @Override
            public void exit() {
                context.close();
            }

            @Override
            public void close() {
                context.close();
                if (stoppers != null) {
                    stoppers.shutdownNow();
                }
            }
        };
    }

    static void stuck(boolean async) {
        ExecutorService stoppers = Executors.newCachedThreadPool(daemons());
        GenericApplicationContext context = context(Child.STUCK_DEADLINE_MILLIS);
        context.registerBean("never-returns", SmartLifecycle.class,
                () -> async ? new AsyncBean(0, Child::stuckForever, stoppers) : new SyncBean(0, Child::stuckForever));
        context.refresh();
        context.registerShutdownHook();
    }

    static Object register(int count) {
        GenericApplicationContext context = context(30_000);
        for (int i = 0; i < count; i++) {
            context.registerBean(Plan.noOpName(i), SmartLifecycle.class, () -> new SyncBean(0, () -> { }));
        }
        context.refresh();
        context.registerShutdownHook();
        return context;
    }

    private static GenericApplicationContext context(long timeoutPerShutdownPhase) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean("lifecycleProcessor", DefaultLifecycleProcessor.class, () -> {
            DefaultLifecycleProcessor processor = new DefaultLifecycleProcessor();
            processor.setTimeoutPerShutdownPhase(timeoutPerShutdownPhase);
            return processor;
        });
        return context;
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        return task -> {
            Thread thread = new Thread(task, "spring-async-stop");
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops on the closing thread. */
    private static class SyncBean implements SmartLifecycle {
        private final int phase;
        final Runnable work;
        volatile boolean running;

        SyncBean(int phase, Runnable work) {
            this.phase = phase;
            this.work = work;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            try {
                work.run();
            } finally {
                running = false;
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return phase;
        }
    }

    /** Stops on a thread of its own and tells Spring when it is done. */
    private static final class AsyncBean extends SyncBean {
        private final ExecutorService stoppers;

        AsyncBean(int phase, Runnable work, ExecutorService stoppers) {
            super(phase, work);
            this.stoppers = stoppers;
        }

        @Override
        public void stop(Runnable callback) {
            stoppers.execute(() -> {
                try {
                    stop();
                } finally {
                    callback.run();
                }
            });
        }
    }
}
