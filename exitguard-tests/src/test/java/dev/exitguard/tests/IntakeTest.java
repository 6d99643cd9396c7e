package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.tests.apps.IntakeApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When an {@code InFlight}'s intake stops, in a real JVM sent a real SIGTERM: by default the moment
 * the exit begins, so work is refused while the pre-stop pause of {@code STOP_INTAKE} still runs;
 * with {@code WHEN_DRAIN_BEGINS}, only once that pause is over.
 */
class IntakeTest {

    @TempDir
    Path dir;

    private ChildResult terminated(ChildJvm child) throws InterruptedException {
        try (Child running = child.start()) {
            running.awaitReady();
            running.signal("TERM");
            return running.awaitExit();
        }
    }

    @Test
    void afterSigtermWorkIsRefusedWhileThePreStopPauseStillRuns() throws Exception {
        ChildResult result = terminated(ChildJvm.onClassPath(Jdk.current(), IntakeApp.class, dir));

        assertEquals(143, result.exitCode(), result::describe);
        Events events = result.events();
        long refused = refusedAt(events, result);
        assertTrue(refused < events.time("pre-stop ends"), "refused before the pause ended\n" + result.describe());
        String refusal = refusal(events, result);
        assertTrue(refusal.startsWith("refused: InFlight [http] takes no new work: its intake was stopped by exit"
                + " action [drain-http] as the exit began (SIGNAL TERM (exit code 143))"), result::describe);
        result.report().assertAll("SUCCEEDED");
    }

    @Test
    void withWhenDrainBeginsWorkIsTakenThroughThePreStopPause() throws Exception {
        ChildResult result = terminated(ChildJvm.onClassPath(Jdk.current(), IntakeApp.class, dir)
                .property("app.stopIntake", "drain"));

        assertEquals(143, result.exitCode(), result::describe);
        Events events = result.events();
        assertTrue(refusedAt(events, result) > events.time("pre-stop ends"), "refused after the pause\n"
                + result.describe());
        assertTrue(refusal(events, result).startsWith("refused: InFlight [http] takes no new work: its intake was"
                + " stopped by exit action [drain-http];"), result::describe);
        result.report().assertAll("SUCCEEDED");
    }

    private static long refusedAt(Events events, ChildResult result) {
        return events.all().stream().filter(e -> e.text().startsWith("refused: ")).mapToLong(Events.Event::nanos)
                .findFirst().orElseThrow(() -> new AssertionError("never refused\n" + result.describe()));
    }

    private static String refusal(Events events, ChildResult result) {
        return events.texts().stream().filter(t -> t.startsWith("refused: ")).findFirst()
                .orElseThrow(() -> new AssertionError("never refused\n" + result.describe()));
    }
}
