package dev.exitguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitReasonTest {

    @ParameterizedTest
    @CsvSource({"INT, 2, 130", "TERM, 15, 143", "HUP, 1, 129", "SIGUSR1, 10, 138", "sigterm, 15, 143", "' term ', 15, 143"})
    void aSignalsCodeIs128PlusItsNumber(String name, int number, int code) {
        ExitReason reason = ExitReason.signal(name, number);

        assertEquals(ExitReason.Kind.SIGNAL, reason.kind());
        assertEquals(OptionalInt.of(code), reason.exitCode());
    }

    @Test
    void signalNamesAreStoredUpperCaseWithoutSig() {
        assertEquals("TERM", ExitReason.signal("sigterm", 15).detail());
        assertTrue(ExitReason.signal("TERM", 15).isSignal("SIGTERM"));
        assertFalse(ExitReason.signal("TERM", 15).isSignal("INT"));
        assertFalse(ExitReason.programmatic(0).isSignal("TERM"));
    }

    @ParameterizedTest
    @CsvSource({"HUP, 129", "INT, 130", "QUIT, 131", "ABRT, 134", "KILL, 137", "ALRM, 142", "TERM, 143"})
    void thePosixFixedSignalsNeedNoNumber(String name, int code) {
        assertEquals(OptionalInt.of(code), ExitReason.signal(name).exitCode());
    }

    @Test
    void otherSignalsNeedTheirNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExitReason.signal("USR2"));

        assertEquals("the number of signal [USR2] differs between platforms; use ExitReason.signal(name, number)",
                e.getMessage());
    }

    @Test
    void badSignalsAreRefusedNamingTheValue() {
        assertEquals("signal number of TERM must be between 1 and 64, but was 0",
                assertThrows(IllegalArgumentException.class, () -> ExitReason.signal("TERM", 0)).getMessage());
        assertEquals("signal number of RTMAX must be between 1 and 64, but was 65",
                assertThrows(IllegalArgumentException.class, () -> ExitReason.signal("RTMAX", 65)).getMessage());
        assertEquals(OptionalInt.of(129), ExitReason.signal("HUP", 1).exitCode());
        assertEquals(OptionalInt.of(192), ExitReason.signal("RTMAX", 64).exitCode());
        assertEquals("signal name is blank: [SIG]",
                assertThrows(IllegalArgumentException.class, () -> ExitReason.signal("SIG", 1)).getMessage());
        assertThrows(NullPointerException.class, () -> ExitReason.signal(null, 1));
    }

    @Test
    void aJvmShutdownHasNoKnownCodeAndTheOthersMustHaveOne() {
        assertEquals(OptionalInt.empty(), ExitReason.jvmShutdown("System.exit").exitCode());
        assertEquals("a JVM_SHUTDOWN reason has no known exit code, but got 3", assertThrows(
                IllegalArgumentException.class,
                () -> new ExitReason(ExitReason.Kind.JVM_SHUTDOWN, "", OptionalInt.of(3))).getMessage());
        assertEquals("a PROGRAMMATIC reason needs an exit code", assertThrows(IllegalArgumentException.class,
                () -> new ExitReason(ExitReason.Kind.PROGRAMMATIC, "", OptionalInt.empty())).getMessage());
    }

    @Test
    void programmaticKeepsItsStatusAndSaysWhoAsked() {
        assertEquals(new ExitReason(ExitReason.Kind.PROGRAMMATIC, "exit(4)", OptionalInt.of(4)), ExitReason.programmatic(4));
        assertEquals("health check", ExitReason.programmatic(1, "health check").detail());
    }

    @Test
    void toStringSaysKindDetailAndCode() {
        assertEquals("SIGNAL TERM (exit code 143)", ExitReason.signal("TERM", 15).toString());
        assertEquals("JVM_SHUTDOWN System.exit (exit code unknown)", ExitReason.jvmShutdown("System.exit").toString());
        assertEquals("PROGRAMMATIC (exit code 2)", ExitReason.programmatic(2, "").toString());
    }
}
