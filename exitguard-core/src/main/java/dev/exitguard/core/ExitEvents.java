package dev.exitguard.core;

import dev.exitguard.core.ExitReport.Outcome;
import java.util.Optional;

/**
 * What an exit tells JDK Flight Recorder as it runs: one {@code dev.exitguard.ExitAction} event as
 * each action settles, one {@code dev.exitguard.Exit} event once the report is made.
 *
 * <p>Costs nothing measurable when no recording can run: without the {@code jdk.jfr} module (a
 * runtime image made without it, or {@code --limit-modules}) nothing of it is loaded, and while
 * the recorder has not been started in this JVM ({@link #current()} asks it at each exit) the
 * exit gets {@link #NONE}. The event classes are loaded only once the recorder runs: loading one
 * before that costs over 100 ms of class loading, which is what a JVM without a recording must
 * not pay. Nothing here may throw into the exit.
 */
interface ExitEvents {

    /** Records nothing. */
    ExitEvents NONE = new ExitEvents() {
        @Override
        public Object exitBegan() {
            return null;
        }

        @Override
        public void exitEnded(Object began, ExitReport report) {
        }

        @Override
        public Object actionBegan() {
            return null;
        }

        @Override
        public void actionEnded(Object began, String name, int phase, Outcome outcome, Thread thread, String detail) {
        }
    };

    /** As the exit begins: what {@link #exitEnded} is handed back, or null if nothing is recorded. */
    Object exitBegan();

    /** Once the exit's report is made. */
    void exitEnded(Object began, ExitReport report);

    /** As a worker begins running an action: what {@link #actionEnded} is handed back, or null. */
    Object actionBegan();

    /**
     * As an action settles, or is skipped ({@code began} is null then, and so is {@code thread}).
     *
     * @param detail the error, or the report's detail for people; may be empty
     */
    void actionEnded(Object began, String name, int phase, Outcome outcome, Thread thread, String detail);

    /** The events of an exit that begins now: JFR's when its recorder runs, {@link #NONE} otherwise. */
    static ExitEvents current() {
        if (!Presence.JFR_MODULE) {
            return NONE;
        }
        try {
            return JfrExitEvents.recorderInitialized() ? JfrExitEvents.INSTANCE : NONE;
        } catch (RuntimeException | LinkageError e) {
            // A runtime whose recorder cannot start (a VM built without it): the exit goes on unrecorded.
            return NONE;
        }
    }

    /**
     * Loads, at install, what {@link #current()} needs, and the event classes too if the recorder
     * already runs ({@code -XX:StartFlightRecording}); commits nothing.
     */
    static void warmUp() {
        ExitEvents events = current();
        if (events != NONE) {
            ((JfrExitEvents) events).warmUp();
        }
    }

    /** Whether {@code jdk.jfr} is in this runtime and readable here; asked without touching it. */
    final class Presence {
        static final boolean JFR_MODULE = jfrModuleReadable();

        private Presence() {
        }

        private static boolean jfrModuleReadable() {
            Optional<Module> jfr = ModuleLayer.boot().findModule("jdk.jfr");
            // On the module path, requires static makes the module readable only when it was resolved.
            return jfr.isPresent() && ExitEvents.class.getModule().canRead(jfr.get());
        }
    }
}
