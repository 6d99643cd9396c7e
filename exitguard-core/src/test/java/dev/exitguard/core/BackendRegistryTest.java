package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

    /** What the backends did, in order, across all of them. */
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final List<Thread> hooks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final AtomicBoolean guardInstalled = new AtomicBoolean();
    private final BackendRegistry registry = new BackendRegistry(hooks::add, guardInstalled::get, warnings::add,
            new PrintStream(errBytes, true, StandardCharsets.UTF_8), Duration.ofSeconds(10));

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** A backend that writes what it is asked into the journal. */
    private class Recording implements LoggingBackend {
        final String name;
        boolean reached;
        List<String> limits = List.of();
        Duration stopTimeout;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> takeOver() {
            journal.add(name + " takeOver");
            return limits;
        }

        @Override
        public boolean reachedBySystemLogger() {
            return reached;
        }

        @Override
        public void log(System.Logger.Level level, String message) {
            journal.add(name + " " + level + " " + message);
        }

        @Override
        public void stop(Duration timeout) throws Exception {
            stopTimeout = timeout;
            journal.add(name + " stop");
        }
    }

    @Test
    void aBackendIsTakenOverOnceWhenHandedOverAndStoppedOnceInTheOrderHandedOver() {
        Recording first = new Recording("first");
        Recording second = new Recording("second");
        assertTrue(registry.register(first));
        assertTrue(registry.register(second));
        assertFalse(registry.register(first), "the same backend twice");

        registry.stopAll(Duration.ofSeconds(5));
        registry.stopAll(Duration.ofSeconds(5));

        assertEquals(List.of("first takeOver", "second takeOver", "first stop", "second stop"), journal);
        assertEquals(List.of(first, second), registry.backends());
        assertTrue(first.stopTimeout.compareTo(Duration.ofSeconds(5)) <= 0 && !first.stopTimeout.isNegative(),
                "stop is given the time left: " + first.stopTimeout);
    }

    @Test
    void anEqualBackendIsIgnoredAndTheFirstKept() {
        record Same(String name) implements LoggingBackend {
            @Override
            public void stop(Duration timeout) {
            }
        }
        Same kept = new Same("a");
        assertTrue(registry.register(kept));
        assertFalse(registry.register(new Same("a")));
        assertEquals(List.of(kept), registry.backends());
        assertTrue(registry.backends().get(0) == kept);
    }

    @Test
    void whatABackendCannotPromiseIsOneWarningEachNamingIt() {
        Recording backend = new Recording("Log4j 2");
        backend.limits = List.of("its shutdown hook is disabled", "second thing");
        registry.register(backend);
        assertEquals(List.of("logging backend [Log4j 2]: its shutdown hook is disabled",
                "logging backend [Log4j 2]: second thing"), warnings);
    }

    @Test
    void aBackendThatCannotBeTakenOverIsNamedAndThenLeftAlone() {
        Recording broken = new Recording("broken") {
            @Override
            public List<String> takeOver() {
                throw new IllegalStateException("no context");
            }
        };
        assertTrue(registry.register(broken));
        assertEquals(List.of("logging backend [broken] could not be taken over, so exitguard neither logs to it"
                + " nor stops it, and it stops as it would without exitguard: java.lang.IllegalStateException: no context"),
                warnings);
        assertFalse(registry.route(System.Logger.Level.INFO, "hello"));
        registry.stopAll(Duration.ofSeconds(1));
        assertEquals(List.of(), journal);
        assertEquals(List.of(), registry.backends());
    }

    @Test
    void messagesGoToEachBackendThatSystemLoggerDoesNotReachUntilItStops() {
        Recording unreached = new Recording("unreached");
        Recording reached = new Recording("reached");
        reached.reached = true;
        registry.register(unreached);
        registry.register(reached);
        journal.clear();

        assertTrue(registry.routes());
        assertTrue(registry.route(System.Logger.Level.WARNING, "report"));
        registry.stopAll(Duration.ofSeconds(1));
        assertFalse(registry.routes());
        assertFalse(registry.route(System.Logger.Level.INFO, "after the stop"));

        assertEquals(List.of("unreached WARNING report", "unreached stop", "reached stop"), journal);
    }

    @Test
    void withNoBackendThatTakesThemMessagesAreNotTaken() {
        Recording reached = new Recording("reached");
        reached.reached = true;
        registry.register(reached);
        assertFalse(registry.routes());
        assertFalse(registry.route(System.Logger.Level.INFO, "x"));
    }

    @Test
    void aBackendThatFailsToLogStillCountsAsTakingTheMessageWhichGoesToStandardError() {
        Recording failing = new Recording("failing") {
            @Override
            public void log(System.Logger.Level level, String message) {
                throw new IllegalStateException("closed");
            }
        };
        registry.register(failing);
        assertTrue(registry.route(System.Logger.Level.INFO, "the report"));
        assertTrue(err().contains("exitguard: logging backend [failing] failed to log"
                + " (java.lang.IllegalStateException: closed): the report"), err());
    }

    @Test
    void aStopThatFailsIsPrintedAndTheNextBackendStillStops() {
        Recording failing = new Recording("failing") {
            @Override
            public void stop(Duration timeout) {
                throw new IllegalStateException("appender broke");
            }
        };
        Recording next = new Recording("next");
        registry.register(failing);
        registry.register(next);
        registry.stopAll(Duration.ofSeconds(5));
        assertTrue(journal.contains("next stop"), journal::toString);
        assertTrue(err().contains("exitguard: logging backend [failing] failed to stop:"
                + " java.lang.IllegalStateException: appender broke"), err());
    }

    @Test
    void aStopThatOverrunsItsTimeIsAbandonedAndNamedAndTheNextStillGetsItsTurn() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Recording hanging = new Recording("hanging") {
            @Override
            public void stop(Duration timeout) throws InterruptedException {
                journal.add("hanging stop");
                release.await();
            }
        };
        CountDownLatch nextStopped = new CountDownLatch(1);
        Recording next = new Recording("next") {
            @Override
            public void stop(Duration timeout) throws Exception {
                super.stop(timeout);
                nextStopped.countDown();
            }
        };
        registry.register(hanging);
        registry.register(next);
        try {
            registry.stopAll(Duration.ofMillis(300));
        } finally {
            release.countDown();
        }
        // With no time left, the next one is still asked to stop, though not waited for.
        assertTrue(nextStopped.await(10, java.util.concurrent.TimeUnit.SECONDS), journal::toString);
        assertEquals(List.of("hanging takeOver", "next takeOver", "hanging stop", "next stop"), journal);
        assertTrue(err().contains("exitguard: logging backend [hanging] did not stop within the "), err());
        assertTrue(err().contains(" it had left; the process ends without waiting for it"), err());
        assertEquals(Duration.ZERO, next.stopTimeout, "nothing was left for the next one");
    }

    @Test
    void theStopRunsOnADaemonThreadNamedForTheBackend() {
        List<Thread> threads = new ArrayList<>();
        registry.register(new Recording("Logback") {
            @Override
            public void stop(Duration timeout) {
                threads.add(Thread.currentThread());
            }
        });
        registry.stopAll(Duration.ofSeconds(5));
        assertEquals("exitguard-stop-Logback", threads.get(0).getName());
        assertTrue(threads.get(0).isDaemon());
    }

    @Test
    void oneShutdownHookIsAddedAtTheFirstBackendAndStopsThemOnlyWhenNoGuardIsInstalled() throws InterruptedException {
        assertEquals(List.of(), hooks);
        registry.register(new Recording("a"));
        registry.register(new Recording("b"));
        assertEquals(1, hooks.size());
        Thread hook = hooks.get(0);
        assertEquals("exitguard-logging", hook.getName());

        guardInstalled.set(true);
        hook.run();
        assertFalse(journal.contains("a stop"), "an installed guard stops them itself, after its exit: " + journal);

        guardInstalled.set(false);
        hook.run();
        assertTrue(journal.containsAll(List.of("a stop", "b stop")), journal::toString);
    }

    @Test
    void aBackendHandedOverWhileTheJvmShutsDownIsStillTakenAndStoppedByTheExitRunning() {
        BackendRegistry late = new BackendRegistry(hook -> {
            throw new IllegalStateException("Shutdown in progress");
        }, () -> true, warnings::add, System.err, Duration.ofSeconds(1));
        Recording backend = new Recording("late");
        assertTrue(late.register(backend));
        late.stopAll(Duration.ofSeconds(5));
        assertEquals(List.of("late takeOver", "late stop"), journal);
    }

    @Test
    void theFacadeRefusesNull() {
        NullPointerException thrown = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> LoggingBackends.register(null));
        assertEquals("backend", thrown.getMessage());
    }
}
