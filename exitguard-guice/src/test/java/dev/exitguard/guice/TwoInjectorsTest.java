package dev.exitguard.guice;

import static dev.exitguard.testkit.Bounds.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitReport;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ProcessTerminator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two injectors in one JVM: the first installs its guard, the second gets a guard of its own that
 * is not installed. Neither arms the other's triggers or runs the other's actions.
 */
class TwoInjectorsTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final Logger logger = Logger.getLogger("dev.exitguard");
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** A trigger a test fires by hand; records whether it was armed. */
    static final class HandTrigger implements ExitTrigger {
        volatile ExitRequests requests;
        volatile boolean disarmed;

        @Override
        public void arm(ExitRequests requests) {
            this.requests = requests;
        }

        @Override
        public void disarm() {
            disarmed = true;
        }

        @Override
        public String name() {
            return "hand";
        }
    }

    @BeforeEach
    void listen() {
        assertTrue(ExitGuard.installed().isEmpty(), "a guard left installed by another test");
        logger.addHandler(handler);
    }

    @AfterEach
    void cleanUp() {
        logger.removeHandler(handler);
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    private static Injector injector(ExitGuardModule module, Events events, String label) {
        return Guice.createInjector(module, new AbstractModule() {
            @Override
            protected void configure() {
                // The same name in both injectors: each guard has its own actions, so they do not clash.
                ExitGuardModule.actions(binder()).addBinding().toInstance(
                        ExitActions.named("flush").run(context -> events.add("flush " + label)));
            }
        });
    }

    private static ExitGuardModule.Builder installing(ProcessTerminator terminator, HandTrigger trigger) {
        return ExitGuardModule.builder()
                .discoverActions(false)
                .discoverTriggers(false)
                .terminator(terminator)
                .customize(builder -> builder.trigger(trigger));
    }

    @Test
    void theFirstInjectorInstallsItsGuardAndTheSecondGetsOneOfItsOwn() throws Exception {
        Events events = new Events();
        ProcessTerminator firstTerminator = mock(ProcessTerminator.class);
        ProcessTerminator secondTerminator = mock(ProcessTerminator.class);
        HandTrigger firstTrigger = new HandTrigger();
        HandTrigger secondTrigger = new HandTrigger();

        ExitGuard first = injector(installing(firstTerminator, firstTrigger).build(), events, "first")
                .getInstance(ExitGuard.class);
        assertEquals(List.of(), warnings);
        ExitGuard second = injector(installing(secondTerminator, secondTrigger).build(), events, "second")
                .getInstance(ExitGuard.class);

        assertSame(first, ExitGuard.installed().orElseThrow());
        assertNotSame(first, second);
        assertTrue(firstTrigger.requests != null, "the installed guard armed its trigger");
        assertTrue(secondTrigger.requests == null, "the second guard armed nothing");
        assertEquals(1, warnings.size(), () -> warnings.stream().map(LogRecord::getMessage).toList().toString());
        String warning = warnings.get(0).getMessage();
        assertTrue(warning.startsWith("an ExitGuard is already installed in this JVM (" + first + "), so the guard of"
                + " this injector (" + second + ") is not installed: its exit actions run only through its own exit()"
                + " or runActions(), not on a signal or at the JVM's exit."), warning);

        // A signal reaches the installed guard alone, which runs only its own injector's actions.
        firstTrigger.requests.requestExit(TERM);
        // Ending the process is the exit thread's last step.
        verify(firstTerminator, timeout(PATIENCE.toMillis())).exit(143);
        ExitReport firstReport = first.report().orElseThrow();
        assertEquals(List.of("flush first"), events.list());
        assertFalse(second.isExiting());
        assertEquals(List.of("flush"), firstReport.actions().stream().map(ActionReport::name).toList());

        // The second guard runs its own actions when told to, and only those.
        second.exit(0);
        assertEquals(List.of("flush first", "flush second"), events.list());
        verify(secondTerminator).exit(0);
        verifyNoMoreInteractions(firstTerminator, secondTerminator);
    }

    @Test
    void aGuardTheApplicationInstalledItselfIsLeftAlone() {
        Events events = new Events();
        HandTrigger applicationTrigger = new HandTrigger();
        ExitGuard application = ExitGuard.builder().discoverActions(false).discoverTriggers(false)
                .terminator(mock(ProcessTerminator.class)).trigger(applicationTrigger).install();

        ExitGuard injected = injector(installing(mock(ProcessTerminator.class), new HandTrigger()).build(), events, "injected")
                .getInstance(ExitGuard.class);

        assertSame(application, ExitGuard.installed().orElseThrow());
        assertNotSame(application, injected);
        assertEquals(List.of(), application.actionNames());
        assertEquals(List.of("flush"), injected.actionNames());
        assertEquals(1, warnings.size());
        assertFalse(applicationTrigger.disarmed);
    }

    @Test
    void installInJvmFalseNeverInstallsAndDoesNotWarn() {
        Events events = new Events();
        HandTrigger trigger = new HandTrigger();

        ExitGuard guard = injector(installing(mock(ProcessTerminator.class), trigger).installInJvm(false).build(), events,
                "test").getInstance(ExitGuard.class);

        assertEquals(Optional.empty(), ExitGuard.installed());
        assertTrue(trigger.requests == null, "nothing armed");
        assertEquals(List.of(), warnings);
        guard.runActions(TERM);
        assertEquals(List.of("flush test"), events.list());
    }
}
