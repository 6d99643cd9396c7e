package dev.exitguard.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalNamesTest {

    @Test
    void readsACommaListIgnoringCaseSpacesAndTheSigPrefix() {
        assertEquals(List.of("INT", "TERM", "HUP"), SignalNames.parseProperty(" int, SIGTERM ,sighup"));
    }

    @Test
    void anEmptyValueNamesTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SignalNames.parseProperty(" "));
        assertEquals("exitguard.signals: the value is empty; give a comma list of signal names such as INT,TERM,HUP,"
                + " or leave it unset for INT,TERM", e.getMessage());
    }

    @Test
    void everyBadEntryIsNamedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignalNames.parseProperty("INT,,BANANA,QUIT,SIGINT"));
        assertEquals("exitguard.signals: entry 2 is empty in [INT,,BANANA,QUIT,SIGINT]; "
                + "unknown signal [BANANA] in [INT,,BANANA,QUIT,SIGINT]; give names such as INT, TERM, HUP, USR1"
                + " (SIG prefix optional); "
                + "signal [INT] is listed twice in [INT,,BANANA,QUIT,SIGINT]", e.getMessage());
    }

    @Test
    void aTrailingCommaIsAnEmptyEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignalNames.parseProperty("INT,TERM,"));
        assertEquals("exitguard.signals: entry 3 is empty in [INT,TERM,]", e.getMessage());
    }

    @Test
    void signalsTheJvmKeepsAreReadWithTheirReasonForArmToLeaveOut() {
        assertEquals(List.of("INT", "QUIT", "USR2"), SignalNames.parseProperty("INT,QUIT,USR2"));
        assertEquals("HotSpot suspends and resumes threads with SIGUSR2", SignalNames.reservedReason("USR2"));
        for (String name : List.of("QUIT", "SEGV", "ILL", "FPE", "BUS", "KILL", "STOP", "PIPE", "TRAP", "XFSZ")) {
            assertEquals(true, SignalNames.reservedReason(name) != null, name);
        }
        for (String name : List.of("INT", "TERM", "HUP", "USR1")) {
            assertEquals(null, SignalNames.reservedReason(name), name);
        }
    }

    @Test
    void namesGivenInCodeAreCheckedTheSameWay() {
        assertEquals(List.of("INT", "TERM", "HUP"), SignalNames.checkGiven(List.of("INT", "TERM", "HUP")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignalNames.checkGiven(List.of("INT", "NOPE")));
        assertEquals("SignalTrigger.of(\"INT\", \"NOPE\"): unknown signal [NOPE]; give names such as INT, TERM, HUP,"
                + " USR1 (SIG prefix optional)", e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> SignalNames.checkGiven(List.of()));
        assertEquals("SignalTrigger.of(): give at least one signal, such as \"INT\", \"TERM\"", none.getMessage());
    }
}
