package dev.exitguard.core;

/** Ends the process through {@link Runtime}. */
enum JvmTerminator implements ProcessTerminator {
    INSTANCE;

    @Override
    public void exit(int status) {
        Runtime.getRuntime().exit(status);
    }

    @Override
    public void halt(int status) {
        // halt skips the hooks that would flush these, and what was just printed says why the process ends.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    @Override
    public String toString() {
        return "ProcessTerminator.jvm()";
    }
}
