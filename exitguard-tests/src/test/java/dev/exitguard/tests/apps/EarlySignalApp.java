package dev.exitguard.tests.apps;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;
import java.util.Locale;

/**
 * Installs a guard and says so the instant {@code install()} returns, so that the parent's SIGTERM
 * lands while what install leaves to run after it (the rehearsal of the exit path on the guard's
 * own workers and timer) is still under way. {@link #ACTIONS} actions in three phases, each
 * {@code after()} the one before it in its phase, record {@code ran <name>}; the first records when
 * the exit reached it, against {@code installed}, recorded just before the ready line.
 */
public final class EarlySignalApp {

    /** How many actions the guard runs. */
    public static final int ACTIONS = 30;

    private static final int[] PHASES = {ExitPhase.STOP_INTAKE, ExitPhase.DEFAULT, ExitPhase.TELEMETRY};

    private EarlySignalApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard.Builder builder = ExitGuard.builder().discoverActions(false);
        for (int i = 0; i < ACTIONS; i++) {
            String name = name(i);
            int phase = PHASES[i % PHASES.length];
            // Each after the previous action of its phase: a chain per phase, so order is exercised too.
            String[] after = i < PHASES.length ? new String[0] : new String[] {name(i - PHASES.length)};
            builder.action(ExitActions.named(name).phase(phase).after(after).run(context -> InChild.record("ran " + name)));
        }
        builder.install();
        InChild.record("installed");
        InChild.ready();
        InChild.waitForever();
    }

    /** The name of action {@code i}. */
    public static String name(int i) {
        return String.format(Locale.ROOT, "early-%02d", i);
    }
}
