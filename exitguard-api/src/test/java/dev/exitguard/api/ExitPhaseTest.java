package dev.exitguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void theDefaultActionRunsInTheDefaultPhaseAfterNothingWithoutItsOwnTimeout() {
        ExitAction action = context -> { };

        assertEquals(ExitPhase.DEFAULT, action.phase());
        assertTrue(action.after().isEmpty());
        assertTrue(action.timeout().isEmpty());
        assertEquals(action.getClass().getName(), action.name());
    }
}
