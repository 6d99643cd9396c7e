package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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
 * them.
 */
final class ShutdownHandlersAction implements ExitAction {

    /** The class whose monitor guards Spring Boot's handlers; package-private in Spring Boot, so found by name. */
    static final String SPRING_HOOK = "org.springframework.boot.SpringApplicationShutdownHook";

    /** Removed to ask whether Spring Boot's hook is running: removing what is absent changes nothing. */
    private static final Runnable PROBE = () -> {
    };

    private final String name;
    private final int phase;
    private final Set<String> after;
    private final Optional<Duration> timeout;

    ShutdownHandlersAction(String name, int phase, Set<String> after, Optional<Duration> timeout) {
        this.name = name;
        this.phase = phase;
        this.after = Set.copyOf(after);
        this.timeout = timeout;
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
        return "[" + name + "] runs SpringApplication's shutdown handlers, once the context is closed";
    }
}
