package dev.exitguard.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What code run in the test's own JVM prints to {@code System.err}, such as exitguard's last-resort
 * messages when it halts. Not thread-safe with other tests that replace {@code System.err}.
 *
 * @since 0.1
 */
public final class Stderr {

    /** Code that may throw. */
    @FunctionalInterface
    public interface Body {
        /** Runs it. */
        void run() throws Exception;
    }

    private Stderr() {
    }

    /** Runs {@code body} with {@code System.err} captured, puts it back, and returns what was printed. */
    public static String capture(Body body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
