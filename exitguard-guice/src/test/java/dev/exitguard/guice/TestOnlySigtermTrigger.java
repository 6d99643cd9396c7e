package dev.exitguard.guice;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Test fixture only: the smallest SIGTERM trigger, so that the child JVM of
 * {@link ChildJvmTest} can be stopped with {@code kill -TERM}. Listed in the test
 * {@code META-INF/services}; the {@code exitguard-signals} module is the real trigger. No test in
 * the test JVM itself arms it: they all turn trigger discovery off.
 */
public final class TestOnlySigtermTrigger implements ExitTrigger {

    private static final Signal TERM = new Signal("TERM");

    private volatile SignalHandler previous;

    @Override
    public void arm(ExitRequests requests) {
        previous = Signal.handle(TERM, signal -> requests.requestExit(ExitReason.signal("TERM", 15)));
    }

    @Override
    public void disarm() {
        SignalHandler handler = previous;
        if (handler != null) {
            Signal.handle(TERM, handler);
        }
    }

    @Override
    public String name() {
        return "test-only-sigterm";
    }
}
