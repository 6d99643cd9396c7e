/**
 * SIGINT and SIGTERM (and others, by configuration) as exit triggers. Put this module on the module
 * path, or its jar on the class path, beside {@code dev.exitguard.core}: the coordinator finds
 * {@link dev.exitguard.signals.SignalTrigger} with {@link java.util.ServiceLoader} and arms it at
 * install. Depends on {@code dev.exitguard.api} and on {@code jdk.unsupported} for
 * {@code sun.misc.Signal}.
 */
module dev.exitguard.signals {
    requires dev.exitguard.api;
    requires jdk.unsupported;

    exports dev.exitguard.signals;

    provides dev.exitguard.api.ExitTrigger with dev.exitguard.signals.SignalTrigger;
}
