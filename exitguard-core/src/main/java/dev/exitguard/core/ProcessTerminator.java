package dev.exitguard.core;

/**
 * What ends the process once an exit is over. The default, {@link #jvm()}, calls
 * {@link Runtime#exit(int)} and {@link Runtime#halt(int)}; a test replaces it (see
 * {@link ExitGuard.Builder#terminator(ProcessTerminator)}) to run a whole exit in-process and read
 * its report while the JVM lives on.
 *
 * <p>Implementations must be thread-safe: the coordinator may call them from its exit thread, a
 * signal's thread or its watchdog.
 *
 * @since 0.1
 */
public interface ProcessTerminator {

    /**
     * Ends the process normally: the JVM's shutdown hooks run, then it exits with {@code status}.
     * The default never returns; a replacement may.
     *
     * @param status the exit status
     */
    void exit(int status);

    /**
     * Ends the process at once, without running shutdown hooks. The default never returns; a
     * replacement may.
     *
     * @param status the exit status
     */
    void halt(int status);

    /**
     * The real thing: {@link Runtime#exit(int)} and {@link Runtime#halt(int)}.
     *
     * @return the terminator that ends this JVM
     */
    static ProcessTerminator jvm() {
        return JvmTerminator.INSTANCE;
    }
}
