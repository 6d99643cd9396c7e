package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitReport.Outcome;
import jdk.jfr.FlightRecorder;

/**
 * {@link ExitEvents} on JDK Flight Recorder. Loaded only when {@code jdk.jfr} is present (see
 * {@link ExitEvents.Presence}), and asked for events only once the recorder runs.
 */
final class JfrExitEvents implements ExitEvents {

    static final JfrExitEvents INSTANCE = new JfrExitEvents();

    private JfrExitEvents() {
    }

    /** Whether the recorder has been started in this JVM; loading this costs two small classes, not the recorder. */
    static boolean recorderInitialized() {
        return FlightRecorder.isInitialized();
    }

    /** Loads the event classes and their paths, committing nothing. */
    void warmUp() {
        new ExitEvent().isEnabled();
        new ExitActionEvent().isEnabled();
    }

    // exitBegan and actionBegan are written out alike on purpose: one method taking a jdk.jfr.Event
    // would make the verifier load Event and both event classes with this class, recording or not
    // (ChildJvmTest.withoutARecordingTheEventClassesAreNeverLoaded).
    @Override
    public Object exitBegan() {
        try {
            ExitEvent event = new ExitEvent();
            if (!event.isEnabled()) {
                return null;
            }
            event.begin();
            return event;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void exitEnded(Object began, ExitReport report) {
        try {
            ExitEvent event = began instanceof ExitEvent ? (ExitEvent) began : new ExitEvent();
            if (!event.isEnabled()) {
                return;
            }
            event.end();
            if (event.shouldCommit()) {
                event.reason = report.reason().kind().name();
                event.detail = report.reason().detail();
                event.exitCode = report.reason().exitCode().orElse(-1);
                event.actions = report.actions().size();
                event.succeeded = (int) report.count(Outcome.SUCCEEDED);
                event.failed = (int) report.count(Outcome.FAILED);
                event.timedOut = (int) report.count(Outcome.TIMED_OUT);
                event.skipped = (int) report.count(Outcome.SKIPPED);
                event.deadline = report.deadline().toNanos();
                event.commit();
            }
        } catch (RuntimeException | LinkageError e) {
            Log.debug("could not record the exit in JDK Flight Recorder: " + e);
        }
    }

    @Override
    public Object actionBegan() {
        try {
            ExitActionEvent event = new ExitActionEvent();
            if (!event.isEnabled()) {
                return null;
            }
            event.begin();
            return event;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void actionEnded(Object began, String name, int phase, Outcome outcome, Thread thread, String detail) {
        try {
            // Skipped, or never picked up by a worker: an event of no length, at the moment it was settled.
            ExitActionEvent event = began instanceof ExitActionEvent ? (ExitActionEvent) began : new ExitActionEvent();
            if (!event.isEnabled()) {
                return;
            }
            event.end();
            if (event.shouldCommit()) {
                event.name = name;
                event.phase = phase;
                event.phaseName = ExitPhase.nameOf(phase);
                event.outcome = outcome.name();
                event.thread = thread;
                event.detail = detail;
                event.commit();
            }
        } catch (RuntimeException | LinkageError e) {
            Log.debug("could not record exit action [" + name + "] in JDK Flight Recorder: " + e);
        }
    }
}
