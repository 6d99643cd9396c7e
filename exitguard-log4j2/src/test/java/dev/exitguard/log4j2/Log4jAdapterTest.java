package dev.exitguard.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.core.LoggingBackend;
import dev.exitguard.core.LoggingBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.junit.jupiter.api.Test;

/**
 * The adapter with the real Log4j Core in this JVM. That Log4j then stops only after the exit
 * report, on every exit path, is shown by exitguard-tests in child JVMs.
 */
class Log4jAdapterTest {

    @Test
    void withTheModuleOnTheClassPathLog4jHandsItsShutdownToExitguardsRegistry() {
        Log4jContextFactory factory = (Log4jContextFactory) LogManager.getFactory();
        ExitGuardShutdownCallbackRegistry registry =
                assertInstanceOf(ExitGuardShutdownCallbackRegistry.class, factory.getShutdownCallbackRegistry());
        assertTrue(registry.isStarted(), registry::toString);
        assertNull(registry.applicationsRegistryOrNull(), "no application names a registry of its own here");
        List<String> names = LoggingBackends.registered().stream().map(LoggingBackend::name).toList();
        assertTrue(names.contains("Log4j 2 shutdown callbacks"), names::toString);
    }

    @Test
    void aContextThatStartsLeavesItsCallbackWithExitguardWhichStopsItOnce() {
        LoggerContext context = new LoggerContext("exitguard-test");
        int before = Log4jCallbacks.pending();
        context.start();
        assertEquals(before + 1, Log4jCallbacks.pending(), "the context's shutdown callback");

        new Log4jBackend().stop(Duration.ofSeconds(5));

        assertTrue(context.isStopped());
        assertEquals(0, Log4jCallbacks.pending());
    }

    @Test
    void aContextStoppedByHandTakesItsCallbackBack() {
        LoggerContext context = new LoggerContext("exitguard-test-by-hand");
        int before = Log4jCallbacks.pending();
        context.start();
        context.stop();
        assertEquals(before, Log4jCallbacks.pending());
    }

    @Test
    void exitguardsMessagesReachLog4jsLoggerWhenSystemLoggerDoesNot() throws Exception {
        Log4jBackend backend = new Log4jBackend();
        assertEquals(List.of(), backend.takeOver(), "Log4j's shutdown comes to exitguard: nothing to warn of");
        // This JVM's System.Logger is java.util.logging, with no bridge to Log4j.
        assertFalse(backend.reachedBySystemLogger());

        backend.log(System.Logger.Level.WARNING, "exit (SIGNAL TERM (exit code 143)) took 1 ms");
        backend.log(System.Logger.Level.DEBUG, "below the configured level");

        String log = Files.readString(Path.of("target/log4j2-test.log"));
        assertTrue(log.contains("WARN dev.exitguard exit (SIGNAL TERM (exit code 143)) took 1 ms"), log);
        assertFalse(log.contains("below the configured level"), log);
    }

    @Test
    void levelsMapToLog4jsClosest() {
        assertEquals(org.apache.logging.log4j.Level.WARN, Log4jBackend.toLog4j(System.Logger.Level.WARNING));
        assertEquals(org.apache.logging.log4j.Level.ERROR, Log4jBackend.toLog4j(System.Logger.Level.ERROR));
        assertEquals(org.apache.logging.log4j.Level.INFO, Log4jBackend.toLog4j(System.Logger.Level.INFO));
        assertEquals(org.apache.logging.log4j.Level.DEBUG, Log4jBackend.toLog4j(System.Logger.Level.DEBUG));
        assertEquals(org.apache.logging.log4j.Level.TRACE, Log4jBackend.toLog4j(System.Logger.Level.TRACE));
        assertEquals(org.apache.logging.log4j.Level.ALL, Log4jBackend.toLog4j(System.Logger.Level.ALL));
        assertEquals(org.apache.logging.log4j.Level.OFF, Log4jBackend.toLog4j(System.Logger.Level.OFF));
    }

    @Test
    void everyInstanceIsTheSameBackend() {
        assertEquals(new Log4jBackend(), new Log4jBackend());
        assertEquals(new Log4jBackend().hashCode(), new Log4jBackend().hashCode());
        assertFalse(new Log4jBackend().equals(Log4jCallbacks.Backend.INSTANCE));
    }
}
