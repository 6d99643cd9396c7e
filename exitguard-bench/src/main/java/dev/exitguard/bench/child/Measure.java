package dev.exitguard.bench.child;

import java.util.HashMap;
import java.util.Map;

/**
 * What one exit of a {@link Plan} took, as a child JVM reports it on one line of its output.
 *
 * @param nanos from the exit request until the stop call returned or the last action ended
 * @param brokenEdges how many {@code after} edges were broken (an action started before one it
 *     is after had ended)
 * @param edges how many edges the plan has
 * @param barrierBreaks how many actions started before an earlier phase had ended
 * @param threadsStarted threads started during the exit
 * @param peakThreads the most threads alive at once during the exit, above those alive before it
 * @param pathNanos the limit with each action's duration as it ran (sleeps overshoot): the sum over
 *     phases of each phase's critical path
 * @param waitNanos the mean time from the moment an action could start to the moment it did
 */
public record Measure(long nanos, int brokenEdges, int edges, int barrierBreaks, long threadsStarted, int peakThreads,
        long pathNanos, long waitNanos) {

    static final String PREFIX = "RESULT ";

    /** Whether the exit kept every edge and every phase barrier. */
    public boolean orderKept() {
        return brokenEdges == 0 && barrierBreaks == 0;
    }

    /** The line a child prints. */
    public String toLine() {
        return PREFIX + "nanos=" + nanos + " broken=" + brokenEdges + " edges=" + edges + " barrier=" + barrierBreaks
                + " started=" + threadsStarted + " peak=" + peakThreads + " path=" + pathNanos + " wait=" + waitNanos;
    }

    /** Reads {@link #toLine()}. */
    public static Measure parse(String line) {
        if (!line.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a result line: [" + line + "]");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], kv[1]);
        }
        return new Measure(Long.parseLong(fields.get("nanos")), Integer.parseInt(fields.get("broken")),
                Integer.parseInt(fields.get("edges")), Integer.parseInt(fields.get("barrier")),
                Long.parseLong(fields.get("started")), Integer.parseInt(fields.get("peak")),
                Long.parseLong(fields.get("path")), Long.parseLong(fields.get("wait")));
    }
}
