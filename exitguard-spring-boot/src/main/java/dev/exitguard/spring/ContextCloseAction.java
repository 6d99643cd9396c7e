package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code spring-context}: closes the application context, which is Spring's whole shutdown: the
 * {@code ContextClosedEvent}, the graceful shutdown of the web server and every
 * {@code SmartLifecycle} stop, phase by phase, then bean destruction ({@code @PreDestroy},
 * {@code DisposableBean}, {@code close()}). As an exit action it is bounded by its timeout and the
 * exit's deadline: a stop that hangs is interrupted there, its stack goes into the report, and the
 * exit goes on. Registered as the body of a {@link QualifiedAction}, which gives it its name, phase,
 * ordering and timeout.
 */
final class ContextCloseAction implements ExitAction {

    /** How often to look whether a context that another thread is closing is closed yet. */
    private static final long POLL_MILLIS = 10;

    private final ConfigurableApplicationContext context;

    ContextCloseAction(ConfigurableApplicationContext context) {
        this.context = context;
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
    public String toString() {
        return "closes application context '" + context.getId()
                + "' (graceful web shutdown, SmartLifecycle stops, bean destruction)";
    }
}
