/**
 * Log4j 2 stopped by exitguard: with this module present, Log4j's shutdown callbacks go to exitguard
 * (through Log4j's {@code ShutdownCallbackRegistry}, named in this module's
 * {@code log4j2.component.properties}), which runs them once, after every exit action and after the
 * exit report has been logged. Needs no code and no configuration.
 */
module dev.exitguard.log4j2 {
    requires dev.exitguard.core;
    requires org.apache.logging.log4j;
    requires org.apache.logging.log4j.core;

    // Log4j creates the registry by reflection, from its own module.
    exports dev.exitguard.log4j2;

    provides dev.exitguard.core.LoggingBackend with dev.exitguard.log4j2.Log4jBackend;
}
