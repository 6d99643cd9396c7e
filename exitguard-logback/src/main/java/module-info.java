/**
 * Logback stopped by exitguard: with this module present and a guard installed, Logback's
 * {@code LoggerContext} (its asynchronous appenders' queues included) is stopped by exitguard, once,
 * after every exit action and after the exit report has been logged; a configured
 * {@code <shutdownHook/>} no longer races it. Needs no code and no configuration.
 */
module dev.exitguard.logback {
    requires dev.exitguard.core;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    exports dev.exitguard.logback;

    provides dev.exitguard.core.LoggingBackend with dev.exitguard.logback.LogbackBackend;
}
