package dev.exitguard.core;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/** Builders for tests: nothing discovered, no system property read, a recording terminator. */
final class Guards {

    private Guards() {
    }

    static ExitGuard.Builder isolated(RecordingTerminator terminator) {
        return isolated(terminator, new HashMap<>());
    }

    static ExitGuard.Builder isolated(RecordingTerminator terminator, Map<String, String> properties) {
        return ExitGuard.builder()
                .discoverActions(false)
                .discoverTriggers(false)
                .properties(properties)
                .terminator(terminator);
    }

    /**
     * An installed guard's JVM shutdown hook. Running it by hand does in-process what the JVM does
     * when {@code System.exit} is called elsewhere; the hook is not otherwise reachable without
     * exiting.
     */
    static Thread shutdownHook(ExitGuard guard) {
        try {
            Field field = ExitGuard.class.getDeclaredField("shutdownHook");
            field.setAccessible(true);
            return (Thread) field.get(guard);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("ExitGuard keeps its hook elsewhere now; update this fixture", e);
        }
    }
}
