package dev.exitguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitTriggerTest {

    private static final class Minimal implements ExitTrigger {
        final List<String> calls = new ArrayList<>();

        @Override
        public void arm(ExitRequests requests) {
            calls.add("arm");
        }

        @Override
        public void disarm() {
            calls.add("disarm");
        }
    }

    @Test
    void aTriggerIsNamedAndDescribedByItsClassAndIgnoresTheEndOfTheActions() {
        Minimal trigger = new Minimal();

        trigger.actionsFinished(ExitReason.signal("TERM", 15));

        assertEquals(Minimal.class.getName(), trigger.name());
        assertEquals(Minimal.class.getName(), trigger.description());
        assertEquals(List.of(), trigger.calls);
    }

    @Test
    void theDescriptionFollowsTheName() {
        ExitTrigger named = new ExitTrigger() {
            @Override
            public void arm(ExitRequests requests) {
            }

            @Override
            public void disarm() {
            }

            @Override
            public String name() {
                return "control-socket";
            }
        };

        assertEquals("control-socket", named.description());
    }
}
