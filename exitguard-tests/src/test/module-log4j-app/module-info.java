/**
 * An application module that logs through Log4j on the module path, for the module-path proof of
 * exitguard-log4j2: it requires the core and Log4j's API only; exitguard-log4j2 joins through
 * service binding, and Log4j finds its registry through the adapter's component properties.
 */
module dev.exitguard.tests.modlog {
    requires dev.exitguard.core;
    requires org.apache.logging.log4j;
}
