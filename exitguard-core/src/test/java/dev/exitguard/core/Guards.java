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
                .properties(properties::get)
                .terminator(terminator);
    }
}
