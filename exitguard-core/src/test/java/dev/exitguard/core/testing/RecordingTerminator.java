package dev.exitguard.core.testing;

import dev.exitguard.core.ProcessTerminator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A terminator that records what it was asked to do ({@code "exit 143"}, {@code "halt 130"}), so
 * that an exit can run inside a test. Shared with the other modules' tests through this module's
 * test jar, in a package of its own (a named module's package cannot be split with the class path).
 * Thread-safe.
 */
public final class RecordingTerminator implements ProcessTerminator {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void exit(int status) {
        calls.add("exit " + status);
    }

    @Override
    public void halt(int status) {
        calls.add("halt " + status);
    }

    /** What it was asked so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }
}
