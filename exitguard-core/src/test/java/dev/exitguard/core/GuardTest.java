package dev.exitguard.core;

import dev.exitguard.api.ExitReason;
import org.junit.jupiter.api.AfterEach;

/** What the tests of a whole guard share: the reasons they exit with, a recording terminator, no guard left installed. */
abstract class GuardTest {

    static final ExitReason TERM = ExitReason.signal("TERM", 15);
    static final ExitReason INT = ExitReason.signal("INT", 2);

    final RecordingTerminator terminator = new RecordingTerminator();

    @AfterEach
    void uninstallAnyGuard() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }
}
