/**
 * exitguard for Spring Boot: with this module on the class path, an application's exit runs
 * Spring's shutdown (graceful web shutdown, {@code SmartLifecycle} stops, bean destruction) as one
 * exit action among the others, in exitguard's order, within its deadline, in its report; see
 * {@link dev.exitguard.spring.ExitGuardAutoConfiguration}.
 */
module dev.exitguard.spring {
    requires transitive dev.exitguard.core;
    requires dev.exitguard.signals;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.beans;
    requires spring.context;
    requires spring.core;

    exports dev.exitguard.spring;
    // Spring creates the listener, the failure analyzer and the auto-configuration by reflection.
    opens dev.exitguard.spring to spring.beans, spring.context, spring.core;
}
