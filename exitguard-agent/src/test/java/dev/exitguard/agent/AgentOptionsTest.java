package dev.exitguard.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void eachOptionIsTheExitguardPropertyItNamesInTheOrderGiven() {
        AgentOptions options = AgentOptions.parse("deadline=20s,report=exit.json,exitguard.haltGrace=2s");

        assertEquals(Map.of("exitguard.deadline", "20s", "exitguard.report", "exit.json", "exitguard.haltGrace", "2s"),
                options.properties());
        assertEquals("deadline=20s,report=exit.json,haltGrace=2s", options.toString());
    }

    @Test
    void aPartWithoutEqualsContinuesTheValueBeforeItSoAValueMayHoldCommas() {
        AgentOptions options = AgentOptions.parse("signals=INT,TERM,HUP,deadline=10s");

        assertEquals(Map.of("exitguard.signals", "INT,TERM,HUP", "exitguard.deadline", "10s"), options.properties());
    }

    @Test
    void keysAreReadInAnyCaseAndSpacesAroundThemGo() {
        AgentOptions options = AgentOptions.parse(" FOREIGNHOOKS = leave , Exitguard.Plan=true");

        assertEquals(Map.of("exitguard.foreignHooks", "leave", "exitguard.plan", "true"), options.properties());
    }

    @Test
    void noOptionsIsNone() {
        assertTrue(AgentOptions.parse(null).properties().isEmpty());
        assertTrue(AgentOptions.parse("  ").properties().isEmpty());
    }

    @Test
    void anUnknownOptionIsNamedWithTheOnesTheAgentKnows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("deadline=5s,dedline=2s"));

        assertEquals("option [dedline] is not one the exitguard agent knows; it knows deadline, haltGrace,"
                + " actionTimeout, report, signals, foreignHooks, secondSignal, duplicateSignalWindow, plan (each an"
                + " exitguard.* system property)", e.getMessage());
    }

    @Test
    void anOptionGivenTwiceIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("deadline=5s,exitguard.deadline=6s"));

        assertEquals("option [deadline] is given twice (deadline=5s and deadline=6s)", e.getMessage());
    }

    @Test
    void aFirstPartWithoutAValueIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("20s"));

        assertEquals("option [20s] has no value; write key=value, as in deadline=20s,report=exit.json", e.getMessage());
    }

    @Test
    void optionsBecomeSystemPropertiesAndOneThatDisagreesWithADashDIsAnErrorSettingNothing() {
        Properties system = new Properties();
        system.setProperty("exitguard.report", "exit.json");
        system.setProperty("exitguard.deadline", "10s");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("report=exit.json,haltGrace=1s,deadline=20s").applyTo(system));

        assertEquals("option deadline=20s disagrees with -Dexitguard.deadline=10s; give each setting once",
                e.getMessage());
        assertFalse(system.containsKey("exitguard.haltGrace"));

        AgentOptions.parse("report=exit.json,haltGrace=1s").applyTo(system);
        assertEquals("1s", system.getProperty("exitguard.haltGrace"));
        assertEquals("exit.json", system.getProperty("exitguard.report"));
    }

    @Test
    void hooksAreAdoptedUnlessTheSettingSaysLeave() {
        assertTrue(ExitGuardAgent.adopts(null));
        assertTrue(ExitGuardAgent.adopts("adopt"));
        assertTrue(ExitGuardAgent.adopts("banana"));
        assertFalse(ExitGuardAgent.adopts(" Leave "));
    }
}
