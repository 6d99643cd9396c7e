package dev.exitguard.bench.child;

import java.util.function.IntConsumer;

/**
 * The peers whose exit can run without the JVM exiting (exitguard's {@code runActions}, Guava's
 * {@code stopAsync}, Spring's {@code close}): a plan registered, ready to exit. Plain hooks and
 * Hadoop's hooks run only when the JVM exits, so they are measured in child JVMs alone.
 */
public interface InProcess {

    /** Runs the exit and returns when the peer says it is over. */
    void exit() throws Exception;

    /** Releases what the set-up holds (threads, the context), if the exit did not. */
    default void close() {
    }

    /**
     * Registers {@code plan} with {@code peer} ({@code exitguard}, {@code guava},
     * {@code spring-sync}, {@code spring-async}); each action calls {@code work} with its index.
     */
    static InProcess prepare(String peer, Plan plan, IntConsumer work) throws Exception {
        switch (peer) {
            case "exitguard": return GuardPeer.prepare(plan, work);
            case "guava": return GuavaPeer.prepare(plan, work);
            case "spring-sync": return SpringPeer.prepare(plan, work, false);
            case "spring-async": return SpringPeer.prepare(plan, work, true);
            default: throw new IllegalArgumentException("no in-process exit for peer [" + peer + "]");
        }
    }

    /** The child's plan task for an in-process peer: set up, settle, exit, report. */
    static void measure(String peer, Recorder recorder) throws Exception {
        InProcess prepared = prepare(peer, recorder.plan(), recorder::perform);
        Child.settle();
        recorder.exitRequested();
        prepared.exit();
        long returned = System.nanoTime();
        Child.result(recorder.measure(returned));
    }
}
