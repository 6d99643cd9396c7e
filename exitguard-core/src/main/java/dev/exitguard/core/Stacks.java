package dev.exitguard.core;

/** Stack traces as the report shows them. */
final class Stacks {

    private static final int MAX_FRAMES = 64;

    private Stacks() {
    }

    static String format(StackTraceElement[] frames) {
        if (frames.length == 0) {
            return "\t(no frames: the thread has ended)";
        }
        StringBuilder out = new StringBuilder();
        int shown = Math.min(frames.length, MAX_FRAMES);
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : "\n").append("\tat ").append(frames[i]);
        }
        if (frames.length > shown) {
            out.append("\n\t... ").append(frames.length - shown).append(" more");
        }
        return out.toString();
    }

    /**
     * Whether a thread with these frames is inside {@code System.exit}: there it waits for the
     * shutdown hooks and never comes back.
     */
    static boolean isInSystemExit(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            if ("java.lang.Shutdown".equals(frame.getClassName())
                    || "java.lang.Runtime".equals(frame.getClassName()) && "exit".equals(frame.getMethodName())) {
                return true;
            }
        }
        return false;
    }
}
