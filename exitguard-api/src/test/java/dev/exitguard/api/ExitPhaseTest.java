package dev.exitguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExitPhaseTest {

    @Test
    void phasesAreInRunOrder() {
        assertTrue(ExitPhase.STOP_INTAKE < ExitPhase.DRAIN);
        assertTrue(ExitPhase.DRAIN < ExitPhase.DEFAULT);
        assertTrue(ExitPhase.DEFAULT < ExitPhase.RELEASE);
        assertTrue(ExitPhase.RELEASE < ExitPhase.TELEMETRY);
        assertTrue(ExitPhase.TELEMETRY < ExitPhase.SHUTDOWN_HOOKS);
        assertEquals(Integer.MAX_VALUE, ExitPhase.SHUTDOWN_HOOKS);
        assertEquals(0, ExitPhase.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource({"-2000, STOP_INTAKE", "-1000, DRAIN", "0, DEFAULT", "1000, RELEASE", "2000, TELEMETRY",
            "-990, DRAIN+10", "5, DEFAULT+5", "-2005, STOP_INTAKE-5", "2147483646, TELEMETRY+2147481646",
            "2147483647, SHUTDOWN_HOOKS",
            "-2147483648, STOP_INTAKE-2147481648"})
    void phasesHaveReadableNames(int phase, String name) {
        assertEquals(name, ExitPhase.nameOf(phase));
    }

    @ParameterizedTest
    @CsvSource({"STOP_INTAKE, -2000", "drain, -1000", "Default, 0", "' RELEASE ', 1000", "TELEMETRY, 2000",
            "DRAIN+10, -990", "DRAIN + 10, -990", "STOP_INTAKE-5, -2005", "-1000, -1000", "5, 5", "+5, 5",
            "TELEMETRY+2147481647, 2147483647", "STOP_INTAKE-2147481648, -2147483648", "SHUTDOWN_HOOKS, 2147483647",
            "shutdown_hooks, 2147483647"})
    void parseReadsWhatNameOfWritesAndNumbers(String text, int phase) {
        assertEquals(phase, ExitPhase.parse(text));
    }

    @ParameterizedTest
    @ValueSource(ints = {-2147483648, -2005, -2000, -1000, -990, 0, 5, 1000, 2000, 2147483647})
    void parseUndoesNameOf(int phase) {
        assertEquals(phase, ExitPhase.parse(ExitPhase.nameOf(phase)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DRIAN", "", "DRAIN+", "DRAIN+x", "+", "-5+3", "1.5", "DRAIN++1"})
    void parseRefusesWhatIsNoPhaseQuotingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExitPhase.parse(text));
        assertEquals("[" + text + "] is not a phase: give a name (STOP_INTAKE, DRAIN, DEFAULT, RELEASE, TELEMETRY,"
                + " SHUTDOWN_HOOKS), a name with an offset (DRAIN+10), or a number (-1000)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TELEMETRY+2147481648", "STOP_INTAKE-2147481649", "2147483648"})
    void parseRefusesWhatIsOutsideAnInt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExitPhase.parse(text));
        assertEquals("[" + text + "] is not a phase: it is outside the range of an int", e.getMessage());
    }

    @Test
    void theDefaultActionRunsInTheDefaultPhaseAfterNothingWithoutItsOwnTimeout() {
        ExitAction action = context -> { };

        assertEquals(ExitPhase.DEFAULT, action.phase());
        assertTrue(action.after().isEmpty());
        assertTrue(action.timeout().isEmpty());
        assertEquals(action.getClass().getName(), action.name());
    }
}
