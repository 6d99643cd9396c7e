package dev.exitguard.core;

/**
 * Describes what someone else's code threw, without trusting it: {@code toString()},
 * {@code getMessage()} and {@code getStackTrace()} are the thrower's methods and may themselves
 * throw (or recurse until the stack overflows). At exit a description that throws would cost the
 * report, the listeners and the process's prompt end, so each call here is guarded, and the worst
 * case falls back to the class name, which the JVM gives without calling the thrower's code.
 */
final class Failures {

    private Failures() {
    }

    /**
     * One line, as {@link Throwable#toString()} gives it ({@code java.io.IOException: disk full}),
     * or, when that throws, the class name and its message, or only the class name and what went
     * wrong describing it. Never throws; never null.
     */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "null";
        }
        String type = failure.getClass().getName();
        Throwable broken;
        try {
            String text = failure.toString();
            if (text != null) {
                return text;
            }
            broken = null;
        } catch (Throwable e) {
            broken = e;
        }
        String problem = broken == null ? "its toString() returned null" : "its toString() threw " + broken.getClass().getName();
        try {
            String message = failure.getMessage();
            return message == null ? type + " (" + problem + ")" : type + ": " + message + " (" + problem + ")";
        } catch (Throwable e) {
            return type + " (" + problem + ", and its getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    /** Where {@code failure} was thrown, as {@code " (at frame)"}, or empty when that cannot be told. */
    static String where(Throwable failure) {
        try {
            StackTraceElement[] frames = failure.getStackTrace();
            return frames == null || frames.length == 0 || frames[0] == null ? "" : " (at " + frames[0] + ")";
        } catch (Throwable e) {
            return "";
        }
    }
}
