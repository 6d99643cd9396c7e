package dev.exitguard.bench.child;

import com.google.common.util.concurrent.AbstractIdleService;
import com.google.common.util.concurrent.Service;
import com.google.common.util.concurrent.ServiceManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * Guava's {@link ServiceManager} of {@link AbstractIdleService}s: {@code stopAsync()} stops every
 * service at once, each on a thread of its own (that is what {@code AbstractIdleService} does),
 * with no order between them; {@code awaitStopped(timeout)} bounds the wait.
 */
final class GuavaPeer {

    private GuavaPeer() {
    }

    /** One ServiceManager of every action: Guava has no order to give them. */
    static InProcess prepare(Plan plan, IntConsumer work) {
        List<Service> services = new ArrayList<>();
        for (Plan.Step step : plan.steps()) {
            services.add(new StepService(step.name(), () -> work.accept(step.index())));
        }
        ServiceManager manager = new ServiceManager(services);
        manager.startAsync().awaitHealthy();
        return () -> manager.stopAsync().awaitStopped();
    }

    static void stuck() {
        ServiceManager manager = new ServiceManager(List.of(new StepService("never-returns", Child::stuckForever)));
        manager.startAsync().awaitHealthy();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                manager.stopAsync().awaitStopped(Child.STUCK_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // The bound held; the JVM goes on exiting without the service.
            }
        }, "service-manager-stop"));
    }

    /**
     * Workloads 9 and 10: a started manager of {@code count} no-op services, stopped by a JVM hook
     * as an application stops it ({@code stopAsync().awaitStopped(30 s)}).
     */
    static Object armed(int count) {
        ServiceManager manager = (ServiceManager) register(count);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                manager.stopAsync().awaitStopped(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // Bounded; the JVM goes on exiting.
            }
        }, "service-manager-stop"));
        return manager;
    }

    static Object register(int count) {
        List<Service> services = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            services.add(new StepService(Plan.noOpName(i), () -> { }));
        }
        ServiceManager manager = new ServiceManager(services);
        manager.startAsync().awaitHealthy();
        return manager;
    }

    private static final class StepService extends AbstractIdleService {
        private final String name;
        private final Runnable stop;

        StepService(String name, Runnable stop) {
            this.name = name;
            this.stop = stop;
        }

        @Override
        protected void startUp() {
        }

        @Override
        protected void shutDown() {
            stop.run();
        }

        @Override
        protected String serviceName() {
            return name;
        }
    }
}
