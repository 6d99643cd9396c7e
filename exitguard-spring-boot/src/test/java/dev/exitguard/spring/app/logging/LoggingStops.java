package dev.exitguard.spring.app.logging;

import dev.exitguard.testkit.InChild;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Records {@code logging stopped} in the events file each time the logging backend stops, whoever
 * stops it: a test can then tell that it stopped once, and after every exit action. Logback through a
 * {@code LoggerContextListener}; Log4j through a {@code LoggerContextShutdownAware}, by reflection, as
 * the app is compiled without Log4j Core.
 */
public final class LoggingStops {

    public static final String STOPPED = "logging stopped";

    private LoggingStops() {
    }

    /** Listens to whichever backend SLF4J is bound to; call once Spring Boot has configured it. */
    public static void record() throws ReflectiveOperationException {
        Object factory = org.slf4j.LoggerFactory.getILoggerFactory();
        if (factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            // Only here is Logback on the class path: LogbackStops loads no earlier.
            LogbackStops.listenTo(factory);
            return;
        }
        ClassLoader loader = LoggingStops.class.getClassLoader();
        Class<?> listener = Class.forName("org.apache.logging.log4j.spi.LoggerContextShutdownAware", true, loader);
        Object context = Class.forName("org.apache.logging.log4j.LogManager", true, loader)
                .getMethod("getContext", boolean.class).invoke(null, false);
        Object proxy = Proxy.newProxyInstance(loader, new Class<?>[] {listener}, (self, method, args) -> {
            if (method.getName().equals("contextShutdown")) {
                InChild.record(STOPPED);
                return null;
            }
            return method.getName().equals("hashCode") ? System.identityHashCode(self)
                    : method.getName().equals("equals") ? self == args[0] : "LoggingStops";
        });
        Method add = context.getClass().getMethod("addShutdownListener", listener);
        add.invoke(context, proxy);
    }

    /** Kept across Spring Boot's resets of the context, which drop other listeners. */
    private static final class LogbackStops implements ch.qos.logback.classic.spi.LoggerContextListener {
        static void listenTo(Object factory) {
            ((ch.qos.logback.classic.LoggerContext) factory).addListener(new LogbackStops());
        }

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onStart(ch.qos.logback.classic.LoggerContext context) {
        }

        @Override
        public void onReset(ch.qos.logback.classic.LoggerContext context) {
        }

        @Override
        public void onStop(ch.qos.logback.classic.LoggerContext context) {
            InChild.record(STOPPED);
        }

        @Override
        public void onLevelChange(ch.qos.logback.classic.Logger logger, ch.qos.logback.classic.Level level) {
        }
    }
}
