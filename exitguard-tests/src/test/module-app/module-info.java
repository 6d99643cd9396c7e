/**
 * An application module for the module-path scenarios: it requires only the core; the signal
 * trigger joins through service binding, because {@code dev.exitguard.signals} is on the module
 * path and provides what the core uses.
 */
module dev.exitguard.tests.modapp {
    requires dev.exitguard.core;

    provides dev.exitguard.api.ExitAction with
            dev.exitguard.tests.modapp.DrainAction,
            dev.exitguard.tests.modapp.ReleaseAction;
}
