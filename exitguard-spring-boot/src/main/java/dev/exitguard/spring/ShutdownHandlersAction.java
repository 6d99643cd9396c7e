package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationShutdownHandlers;

/**
 * {@code spring-shutdown-handlers}: runs what was added to {@code SpringApplication.getShutdownHandlers()},
 * inside the exit, after {@code spring-context}, rather than from Spring Boot's own JVM shutdown hook
 * beside the exit. Spring Boot runs them in the reverse order they were added, once every context it
 * tracks is closed; so does this action, through the same code ({@code SpringApplicationShutdownHook}),
 * which then forgets them: a later run of Spring Boot's hook finds nothing to do.
 *
 * <p>Spring Boot adds its JVM hook as soon as a handler is added (when the application was not told
 * {@code setRegisterShutdownHook(false)} before {@code run}). On {@code System.exit} and when
 * {@code main} returns, that hook starts with the JVM's shutdown and may take the handlers first: this
 * action then finds them in progress, leaves them to it, and says so in its report row (fact
 * {@code ranBy}). Holding Spring Boot's own lock while they run keeps the two from ever both running
 * them. Registered as the body of a {@link QualifiedAction}, which gives it its name, phase,
 * ordering and timeout.
 */
final class ShutdownHandlersAction implements ExitAction {

    /** The class whose monitor guards Spring Boot's handlers; package-private in Spring Boot, so found by name. */
    static final String SPRING_HOOK = "org.springframework.boot.SpringApplicationShutdownHook";

    /** Removed to ask whether Spring Boot's hook is running: removing what is absent changes nothing. */
    private static final Runnable PROBE = () -> {
    };

    /** The registered action's name, which its report row gives when this action ran the handlers itself. */
    private final String name;

    ShutdownHandlersAction(String name) {
        this.name = name;
    }

    /**
     * Whether this Spring Boot runs its handlers through code this action can call: its handlers
     * object is also the {@code Runnable} that runs them, and its lock can be found. Only then is
     * the action registered.
     */
    static boolean supported() {
        return SpringApplication.getShutdownHandlers() instanceof Runnable && springHookLock() != null;
    }

    private static Class<?> springHookLock() {
        try {
            return Class.forName(SPRING_HOOK, false, SpringApplication.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void run(ExitContext context) {
        SpringApplicationShutdownHandlers handlers = SpringApplication.getShutdownHandlers();
        Runnable runnable = (Runnable) handlers;
        synchronized (springHookLock()) {
            try {
                // Throws once Spring Boot's hook has begun: it took the handlers, and runs them itself.
                handlers.remove(PROBE);
            } catch (IllegalStateException inProgress) {
                context.fact("ranBy", "SpringApplicationShutdownHook");
                return;
            }
            runnable.run();
        }
        context.fact("ranBy", name);
    }

    @Override
    public String toString() {
        return "runs SpringApplication's shutdown handlers, once the context is closed";
    }
}
