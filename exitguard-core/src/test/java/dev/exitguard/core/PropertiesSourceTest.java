package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * {@link ExitGuard.Builder#properties(Function)}, the public seam a framework's configuration
 * comes in by: what it returns wins over the builder, a bad value names the key asked for, and the
 * system properties are not read beside it.
 */
class PropertiesSourceTest {

    private static ExitGuard.Builder builder() {
        return ExitGuard.builder().discoverActions(false).discoverTriggers(false);
    }

    @Test
    void aValueFromTheSourceOverridesTheBuilder() {
        ExitGuard guard = builder().deadline(Duration.ofSeconds(9))
                .properties(Map.of("exitguard.deadline", "3s")::get)
                .build();

        assertEquals(Duration.ofSeconds(3), guard.deadline());
    }

    @Test
    void theBuilderHoldsWhereTheSourceSaysNothing() {
        ExitGuard guard = builder().deadline(Duration.ofSeconds(9)).properties(name -> null).build();

        assertEquals(Duration.ofSeconds(9), guard.deadline());
    }

    @Test
    void aBadValueFailsTheBuildNamingTheKeyAndTheValue() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> builder().properties(Map.of("exitguard.deadline", "banana", "exitguard.secondSignal", "maybe")::get)
                        .build());

        assertEquals(List.of("exitguard.deadline: cannot read [banana] as a duration (examples: 25s, 500ms, PT25S)",
                "exitguard.secondSignal: [maybe] is neither halt nor ignore"), e.problems());
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void theSystemPropertiesAreNotReadBesideTheSource() {
        String before = System.getProperty("exitguard.deadline");
        System.setProperty("exitguard.deadline", "banana");
        try {
            ExitGuard guard = builder().properties(name -> null).build();
            assertEquals(GuardSettings.DEFAULT_DEADLINE, guard.deadline());

            assertThrows(ExitConfigurationException.class, () -> builder().build(),
                    "without a source of its own the builder reads the system property");
        } finally {
            if (before == null) {
                System.clearProperty("exitguard.deadline");
            } else {
                System.setProperty("exitguard.deadline", before);
            }
        }
    }

    @Test
    void theSourceIsAskedForEachSettingByItsDocumentedName() {
        List<String> asked = new ArrayList<>();
        builder().properties(name -> {
            asked.add(name);
            return null;
        }).build();

        // At least these; settings added later are read through the same source.
        List<String> documented = List.of("exitguard.deadline", "exitguard.haltGrace", "exitguard.actionTimeout",
                "exitguard.duplicateSignalWindow", "exitguard.report", "exitguard.secondSignal", "exitguard.plan");
        assertTrue(asked.containsAll(documented), () -> "asked " + asked + ", documented " + documented);
    }

    @Test
    void aSourceThatThrowsFailsTheBuildWithItsException() {
        IllegalStateException failure = new IllegalStateException("configuration server unreachable");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder().properties(name -> {
            throw failure;
        }).build());

        assertSame(failure, e);
    }
}
