package dev.exitguard.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A terminator that records what it was asked to do, so an exit can run inside a test. */
final class RecordingTerminator implements ProcessTerminator {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void exit(int status) {
        calls.add("exit " + status);
    }

    @Override
    public void halt(int status) {
        calls.add("halt " + status);
    }
}
