/**
 * An application module that logs through SLF4J to Logback on the module path, for the module-path
 * proof of exitguard-logback: it requires the core and SLF4J's API only; exitguard-logback joins
 * through service binding.
 */
module dev.exitguard.tests.modlogback {
    requires dev.exitguard.core;
    requires org.slf4j;
}
