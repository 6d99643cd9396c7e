package dev.exitguard.demo;

import dev.exitguard.core.ProcessTerminator;

/**
 * Ends a self-driven run ({@code --exit-after}) with its verdict instead of the signal's code: 0
 * when every exit action succeeded and no acknowledged order was lost, 1 otherwise, so that the run
 * reads as a pass or a fail to whatever started it. A real Ctrl-C or SIGTERM keeps the signal's
 * code (130, 143). It also shows the one thing a {@link ProcessTerminator} is for.
 */
final class VerdictTerminator implements ProcessTerminator {

    private final DemoSummary summary;

    VerdictTerminator(DemoSummary summary) {
        this.summary = summary;
    }

    @Override
    public void exit(int status) {
        ProcessTerminator.jvm().exit(summary.clean() ? 0 : 1);
    }

    @Override
    public void halt(int status) {
        ProcessTerminator.jvm().halt(status);
    }
}
