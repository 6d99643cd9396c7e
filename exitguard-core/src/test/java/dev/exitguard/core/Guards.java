package dev.exitguard.core;

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
        return guard.shutdownHook();
    }
}
