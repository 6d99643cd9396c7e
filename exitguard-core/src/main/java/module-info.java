/**
 * The exitguard coordinator: {@link dev.exitguard.core.ExitGuard} discovers
 * {@link dev.exitguard.api.ExitAction}s and {@link dev.exitguard.api.ExitTrigger}s with
 * {@link java.util.ServiceLoader}, validates them, and runs the actions in order, in parallel and in
 * time when the process exits. Depends on the JDK and {@code dev.exitguard.api} alone.
 */
module dev.exitguard.core {
    requires transitive dev.exitguard.api;
    // Only to notice, at exit, that java.util.logging's own shutdown hook has closed its handlers.
    requires static java.logging;
    // The exit's JFR events; a runtime without jdk.jfr runs exitguard all the same (see ExitEvents).
    requires static jdk.jfr;
    // Only to name, when the watchdog halts, the shutdown hook the JVM's shutdown is waiting for.
    requires static java.management;

    exports dev.exitguard.core;

    uses dev.exitguard.api.ExitAction;
    uses dev.exitguard.api.ExitTrigger;
    uses dev.exitguard.core.LoggingBackend;
}
