package dev.exitguard.signals;

import static dev.exitguard.testkit.Bounds.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.google.common.testing.NullPointerTester;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The trigger in this JVM, on SIGUSR1: nothing in a test JVM uses it, so raising it here is safe
 * while a handler is installed. The real INT and TERM, in child JVMs, are proven in exitguard-tests.
 */
class SignalTriggerTest {

    private static final Signal USR1 = new Signal("USR1");
    private static final ExitReason USR1_REASON = ExitReason.signal("USR1", USR1.getNumber());

    private final BlockingQueue<ExitReason> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> customCalls = new LinkedBlockingQueue<>();
    private SignalHandler original;

    @BeforeEach
    void takeUsr1() {
        // Raising USR1 with no handler would end this JVM: the tests always hold one.
        original = Signal.handle(USR1, signal -> customCalls.add("stray " + signal.getName()));
    }

    @AfterEach
    void giveUsr1Back() {
        Signal.handle(USR1, original);
    }

    private SignalTrigger usr1(Map<String, String> properties) {
        return new SignalTrigger(List.of("USR1"), properties::get);
    }

    @Test
    void eachDeliveryAsksForTheExitOnceWithTheSignalsCode() {
        ExitRequests asked = mock(ExitRequests.class);
        SignalTrigger trigger = usr1(Map.of());
        trigger.arm(asked);
        try {
            Signal.raise(USR1);
            verify(asked, timeout(PATIENCE.toMillis())).requestExit(USR1_REASON);
            // A repeated signal is handed to the coordinator too: it decides what a repeat means.
            Signal.raise(USR1);
            verify(asked, timeout(PATIENCE.toMillis()).times(2)).requestExit(USR1_REASON);
            assertEquals(138, USR1_REASON.exitCode().getAsInt());
            assertEquals(List.of("USR1"), trigger.signals());
            assertEquals("signals USR1", trigger.description());
        } finally {
            trigger.disarm();
        }
        verifyNoMoreInteractions(asked);
    }

    @Test
    void aHandlerInstalledBeforeIsCalledAfterTheActionsAndRestoredByDisarm() throws InterruptedException {
        SignalHandler custom = signal -> customCalls.add("custom " + signal.getName());
        Signal.handle(USR1, custom);
        SignalTrigger trigger = usr1(Map.of());
        trigger.arm(requests::add);

        Signal.raise(USR1);
        assertEquals(USR1_REASON, requests.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of(), List.copyOf(customCalls), "the custom handler waits for the actions");

        trigger.actionsFinished(ExitReason.signal("TERM", 15));
        trigger.actionsFinished(ExitReason.programmatic(0));
        assertEquals(List.of(), List.copyOf(customCalls), "only the signal it was installed for calls it");

        trigger.actionsFinished(USR1_REASON);
        assertEquals(List.of("custom USR1"), List.copyOf(customCalls));

        trigger.disarm();
        assertEquals(List.of(), trigger.signals());
        assertSame(custom, Signal.handle(USR1, custom), "disarm put the custom handler back");
    }

    @Test
    void theJvmsDefaultIsRestoredButNeverCalled() {
        Signal.handle(USR1, SignalHandler.SIG_DFL);
        SignalTrigger trigger = usr1(Map.of());
        trigger.arm(requests::add);
        trigger.actionsFinished(USR1_REASON);
        trigger.disarm();
        SignalHandler now = Signal.handle(USR1, signal -> customCalls.add("stray " + signal.getName()));
        assertSame(SignalHandler.SIG_DFL, now);
    }

    @Test
    void anIgnoredSignalStaysIgnored() {
        Signal.handle(USR1, SignalHandler.SIG_IGN);
        SignalTrigger trigger = usr1(Map.of());
        trigger.arm(requests::add);
        assertEquals(List.of(), trigger.signals());
        assertSame(SignalHandler.SIG_IGN, Signal.handle(USR1, SignalHandler.SIG_IGN));
        trigger.disarm();
        assertSame(SignalHandler.SIG_IGN, Signal.handle(USR1, signal -> customCalls.add("stray " + signal.getName())));
    }

    @Test
    void thePropertyWinsOverTheNamesGivenInCode() {
        SignalTrigger trigger = new SignalTrigger(List.of("HUP"), Map.of("exitguard.signals", "USR1")::get);
        trigger.arm(requests::add);
        try {
            assertEquals(List.of("USR1"), trigger.signals());
        } finally {
            trigger.disarm();
        }
    }

    @Test
    void aBadPropertyFailsTheArmNamingPropertyAndValue() {
        SignalTrigger trigger = usr1(Map.of("exitguard.signals", "USR1,NOPE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trigger.arm(requests::add));
        assertEquals("exitguard.signals: unknown signal [NOPE] in [USR1,NOPE]; give names such as INT, TERM, HUP,"
                + " USR1 (SIG prefix optional)", e.getMessage());
        assertEquals(List.of(), trigger.signals());
    }

    /** DESIGN: a signal the VM will not let it handle is a logged warning, not a crash. */
    @Test
    void aSignalTheJvmKeepsIsLeftOutAndTheOthersStillWork() {
        ExitRequests asked = mock(ExitRequests.class);
        SignalTrigger trigger = usr1(Map.of("exitguard.signals", "USR1,QUIT"));
        trigger.arm(asked);
        try {
            assertEquals(List.of("USR1"), trigger.signals());
            Signal.raise(USR1);
            verify(asked, timeout(PATIENCE.toMillis())).requestExit(USR1_REASON);
        } finally {
            trigger.disarm();
        }
        verifyNoMoreInteractions(asked);
    }

    @Test
    void armsOnce() {
        SignalTrigger trigger = usr1(Map.of());
        trigger.arm(requests::add);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> trigger.arm(requests::add));
            assertEquals("dev.exitguard.signals.SignalTrigger can be armed once; it is armed", e.getMessage());
        } finally {
            trigger.disarm();
        }
    }

    @Test
    void nullIsRefusedEverywhere() {
        NullPointerTester tester = new NullPointerTester();
        tester.testAllPublicStaticMethods(SignalTrigger.class);
        tester.testAllPublicInstanceMethods(new SignalTrigger());
    }

    @Test
    void ofRefusesUnknownNamesAtOnceAndTakesReservedOnesForArmToLeaveOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalTrigger.of("USR9"));
        assertTrue(e.getMessage().startsWith("SignalTrigger.of(\"USR9\"): unknown signal [USR9]"), e.getMessage());
        assertEquals("signals TERM, USR2", SignalTrigger.of("TERM", "USR2").description());
        assertThrows(NullPointerException.class, () -> SignalTrigger.of((String[]) null));
        assertEquals(SignalTrigger.NAME, SignalTrigger.of("HUP").name());
        assertEquals(SignalTrigger.NAME, new SignalTrigger().name());
    }
}
