package dev.exitguard.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.CoreConstants;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * The adapter with the real Logback in this JVM, configured with {@code <shutdownHook/>} and an
 * {@code AsyncAppender}. One Logback per JVM, stopped by the last test. That Logback then stops only
 * after the exit report, on every exit path, is shown by exitguard-tests in child JVMs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogbackBackendTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    private Thread hook() {
        return (Thread) context.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD);
    }

    @Test
    @Order(1)
    void takingLogbackOverRemovesTheShutdownHookItsConfigurationAdded() {
        Thread hook = assertInstanceOf(Thread.class, hook(), "<shutdownHook/> added one");
        assertEquals(List.of(), new LogbackBackend().takeOver());
        assertNull(hook());
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "it was already gone from the JVM");
    }

    @Test
    @Order(2)
    void aLaterConfigurationThatAddsTheHookBackHasItRemovedAgain() throws Exception {
        new LogbackBackend().takeOver();
        URL configuration = getClass().getResource("/logback-test.xml");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        configurator.doConfigure(configuration);
        assertNull(hook(), "the reconfiguration's <shutdownHook/> was removed as it ended");
    }

    @Test
    @Order(3)
    void exitguardsMessagesReachLogbacksLoggerWhenSystemLoggerDoesNot() {
        LogbackBackend backend = new LogbackBackend();
        backend.takeOver();
        // This JVM's System.Logger is java.util.logging, with no bridge to SLF4J.
        assertFalse(backend.reachedBySystemLogger());
        backend.log(System.Logger.Level.WARNING, "exit (SIGNAL TERM (exit code 143)) took 1 ms");
        backend.log(System.Logger.Level.DEBUG, "below the configured level");
    }

    @Test
    @Order(4)
    void stoppingDrainsTheAsyncAppenderIntoTheFile() throws Exception {
        LogbackBackend backend = new LogbackBackend();
        backend.takeOver();
        org.slf4j.Logger logger = LoggerFactory.getLogger("app");
        for (int i = 0; i < 2000; i++) {
            logger.info("line {}", i);
        }

        backend.stop(Duration.ofSeconds(5));

        assertFalse(context.isStarted());
        List<String> lines = Files.readAllLines(Path.of("target/logback-test.log"));
        for (int i = 0; i < 2000; i++) {
            assertTrue(lines.contains("INFO app line " + i), "line " + i + " is missing");
        }
        assertTrue(lines.contains("WARN dev.exitguard exit (SIGNAL TERM (exit code 143)) took 1 ms"), lines::toString);
        assertFalse(lines.stream().anyMatch(line -> line.contains("below the configured level")));
    }

    @Test
    void everyInstanceIsTheSameBackend() {
        assertEquals(new LogbackBackend(), new LogbackBackend());
        assertEquals(new LogbackBackend().hashCode(), new LogbackBackend().hashCode());
    }
}
