/**
 * A Spring Boot application run on the module path, with exitguard-spring-boot as a named module
 * beside Spring Boot's automatic modules: the module-path scenario of exitguard-spring-boot.
 */
module dev.exitguard.spring.modapp {
    requires dev.exitguard.spring;
    requires spring.beans;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.context;
    requires jakarta.annotation;
    requires org.slf4j;

    // Spring creates the application's beans by reflection.
    opens dev.exitguard.spring.modapp to spring.beans, spring.context, spring.core;
}
