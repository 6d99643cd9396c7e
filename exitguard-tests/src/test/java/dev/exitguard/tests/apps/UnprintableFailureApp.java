package dev.exitguard.tests.apps;

import static dev.exitguard.testkit.InChild.record;
import static dev.exitguard.tests.apps.AppSupport.recording;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitReport;
import dev.exitguard.testkit.InChild;

/**
 * Failures that are hard to report: an action whose exception cannot be printed, and a report
 * listener that throws an {@link Error}, as a JUnit assertion in a listener does.
 *
 * <pre>
 * DEFAULT  unprintable   throws an exception whose toString() and getMessage() throw
 *          no-message    throws an exception whose getMessage() throws (so toString() does too)
 *          next          after both
 * RELEASE  release
 * listeners: the first throws AssertionError("listener failed on purpose"); the second records
 *            "second listener saw N actions"
 * </pre>
 */
public final class UnprintableFailureApp {

    private UnprintableFailureApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard.builder()
                .action(ExitActions.named("unprintable").run(context -> {
                    record("start unprintable");
                    throw new UnprintableException();
                }))
                .action(ExitActions.named("no-message").run(context -> {
                    record("start no-message");
                    throw new NoMessageException();
                }))
                .action(recording("next", ExitPhase.DEFAULT, "unprintable", "no-message"))
                .action(recording("release", ExitPhase.RELEASE))
                .onReport(report -> {
                    throw new AssertionError("listener failed on purpose");
                })
                .onReport(UnprintableFailureApp::second)
                .install();
        InChild.ready();
        InChild.waitForever();
    }

    private static void second(ExitReport report) {
        record("second listener saw " + report.actions().size() + " actions");
    }

    /** Neither its toString() nor its getMessage() can be called. */
    public static final class UnprintableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() refuses");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("toString() refuses");
        }
    }

    /** Its getMessage() throws, so Throwable's own toString() throws too. */
    public static final class NoMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() refuses");
        }
    }
}
