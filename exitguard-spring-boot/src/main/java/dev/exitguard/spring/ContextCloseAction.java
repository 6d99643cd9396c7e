package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code spring-context}: closes the application context, which is Spring's whole shutdown: the
 * {@code ContextClosedEvent}, the graceful shutdown of the web server and every
 * {@code SmartLifecycle} stop, phase by phase, then bean destruction ({@code @PreDestroy},
 * {@code DisposableBean}, {@code close()}). As an exit action it is bounded by its timeout and the
 * exit's deadline: a stop that hangs is interrupted there, its stack goes into the report, and the
 * exit goes on.
 */
final class ContextCloseAction implements ExitAction {

    /** How often to look whether a context that another thread is closing is closed yet. */
    private static final long POLL_MILLIS = 10;

    private final ConfigurableApplicationContext context;
    private final String name;
    private final int phase;
    private final Set<String> after;
    private final Optional<Duration> timeout;

    ContextCloseAction(ConfigurableApplicationContext context, String name, int phase, Set<String> after,
            Optional<Duration> timeout) {
        this.context = context;
        this.name = name;
        this.phase = phase;
        this.after = Set.copyOf(after);
        this.timeout = timeout;
    }

    @Override
    public void run(ExitContext exit) throws InterruptedException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Spring's shutdown may load classes the way the application's own threads do (a fat jar's loader).
        thread.setContextClassLoader(context.getClassLoader());
        try {
            context.close();
        } finally {
            thread.setContextClassLoader(previous);
        }
        // close() returns at once when another thread is already closing the context (an
        // application's own close, actuator's shutdown endpoint): the action is over when it is.
        while (context.isActive()) {
            if (exit.remaining().isZero() || exit.remaining().isNegative()) {
                throw new IllegalStateException("application context '" + context.getId()
                        + "' is still being closed by another thread");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int phase() {
        return phase;
    }

    @Override
    public Set<String> after() {
        return after;
    }

    @Override
    public Optional<Duration> timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "[" + name + "] closes application context '" + context.getId()
                + "' (graceful web shutdown, SmartLifecycle stops, bean destruction)";
    }
}
