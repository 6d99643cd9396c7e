package dev.exitguard.core;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shutdown hooks of logging backends, among those exitguard adopts: they run last, after the
 * exit's report is logged, as a {@link LoggingBackend} of their own, so that nothing an exit logs
 * is lost whatever the backend, with no adapter.
 *
 * <p>Recognised: the JDK's {@code java.util.logging.LogManager$Cleaner} (by its class); Log4j 2's
 * hook (a thread of any name whose task is {@code org.apache.logging.log4j.core.util.DefaultShutdownCallbackRegistry});
 * Logback's {@code <shutdownHook/>} (a thread whose task is a {@code ch.qos.logback.core.hook.ShutdownHook}).
 * A hook's task is read from the thread's private fields, which {@code java.lang} being open to
 * exitguard allows (adopting hooks needs that anyway); a JVM that keeps it elsewhere makes every
 * hook an ordinary one, run in the exit's last phase.
 */
final class LoggingHooks implements LoggingBackend {

    static final String JUL_CLEANER = "java.util.logging.LogManager$Cleaner";
    static final String LOG4J_REGISTRY = "org.apache.logging.log4j.core.util.DefaultShutdownCallbackRegistry";
    static final String LOGBACK_HOOK = "ch.qos.logback.core.hook.ShutdownHook";

    /** The one backend for every adopted logging hook, whichever custody holds them. */
    static final LoggingHooks BACKEND = new LoggingHooks();

    private LoggingHooks() {
    }

    /** Whether {@code hook} is a logging backend's own shutdown hook. */
    static boolean isLoggingHook(Thread hook) {
        if (hook.getClass().getName().equals(JUL_CLEANER)) {
            return true;
        }
        Object task = Tasks.of(hook);
        if (task == null) {
            return false;
        }
        for (Class<?> type = task.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(LOG4J_REGISTRY) || implementsNamed(type, LOGBACK_HOOK)) {
                return true;
            }
        }
        return false;
    }

    private static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> face : type.getInterfaces()) {
            if (face.getName().equals(name) || implementsNamed(face, name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "adopted logging shutdown hooks";
    }

    /**
     * Starts every adopted hook not yet started (the logging backends' own, and any other the exit
     * did not reach), all at once as the JVM would, and waits for them within {@code timeout}.
     *
     * @throws IllegalStateException naming each hook still running when the time is up, with its stack
     */
    @Override
    public void stop(Duration timeout) {
        long end = System.nanoTime() + Math.max(timeout.toNanos(), 0);
        List<Thread> hooks = ForeignHooks.takeRest();
        for (Thread hook : hooks) {
            try {
                hook.start();
            } catch (IllegalThreadStateException alreadyStarted) {
                // Started by its owner meanwhile: as the JVM does, wait for it.
            }
        }
        List<Thread> late = new ArrayList<>();
        boolean interrupted = false;
        for (Thread hook : hooks) {
            try {
                while (hook.isAlive()) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        late.add(hook);
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedJoin(hook, left);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                late.add(hook);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!late.isEmpty()) {
            StringBuilder message = new StringBuilder("adopted shutdown hooks still running when their time ran out:");
            for (Thread hook : late) {
                message.append("\n  ").append(hook.getName()).append(", at:\n")
                        .append(Stacks.format(hook.getStackTrace()));
            }
            throw new IllegalStateException(message.toString());
        }
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * A thread's task, the {@code Runnable} it was made with: {@code target} on JDK 17,
     * {@code holder.task} since JDK 19.
     */
    private static final class Tasks {
        private static final Field TARGET = field(Thread.class, "target");
        private static final Field HOLDER = TARGET != null ? null : field(Thread.class, "holder");
        private static final Field HOLDER_TASK = HOLDER == null ? null : field(HOLDER.getType(), "task");

        static Object of(Thread thread) {
            try {
                if (TARGET != null) {
                    return TARGET.get(thread);
                }
                if (HOLDER != null && HOLDER_TASK != null) {
                    Object holder = HOLDER.get(thread);
                    return holder == null ? null : HOLDER_TASK.get(holder);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // Unreadable: an ordinary hook then.
            }
            return null;
        }

        private static Field field(Class<?> owner, String name) {
            try {
                Field field = owner.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException | RuntimeException e) {
                return null;
            }
        }
    }
}
