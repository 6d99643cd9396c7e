package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An action as the adapter registers it: a body that does the work, with the name, phase, ordering
 * and timeout the adapter gives it. For an action bean of an application context that started while
 * another context's actions were registered (tests that keep several contexts, a parent and a child),
 * its name, and the names it is after that belong to the same context, carry the context's
 * qualifier, so that two contexts with the same beans can both be in one guard. The adapter's own
 * actions ({@link ContextCloseAction}, {@link ShutdownHandlersAction}) are bodies given their SPI
 * values here. The values are fixed when it is made.
 */
final class QualifiedAction implements ExitAction {

    private final ExitAction delegate;
    private final String name;
    private final int phase;
    private final Set<String> after;
    private final Optional<Duration> timeout;

    QualifiedAction(ExitAction delegate, String name, int phase, Set<String> after, Optional<Duration> timeout) {
        this.delegate = delegate;
        this.name = name;
        this.phase = phase;
        this.after = Set.copyOf(after);
        this.timeout = timeout;
    }

    @Override
    public void run(ExitContext context) throws Exception {
        delegate.run(context);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int phase() {
        return phase;
    }

    @Override
    public Set<String> after() {
        return after;
    }

    @Override
    public Optional<Duration> timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "[" + name + "] " + delegate;
    }
}
