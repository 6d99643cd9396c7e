/**
 * The exitguard SPI: {@link dev.exitguard.api.ExitAction} (work to do before the JVM exits) and
 * {@link dev.exitguard.api.ExitTrigger} (a source of "exit now"), both found with
 * {@link java.util.ServiceLoader}, and the values they exchange. Depends on the JDK alone.
 */
module dev.exitguard.api {
    exports dev.exitguard.api;
}
