package dev.exitguard.spring.app;

import dev.exitguard.testkit.InChild;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small Spring Boot web application for the child-JVM tests: an embedded Tomcat with one slow
 * endpoint ({@link ShopController}), an {@code ExitAction} bean using an injected service
 * ({@link ExitActionsConfiguration}), a {@code @PreDestroy} bean ({@link Cache}) and a
 * {@code SmartLifecycle} bean ({@link Worker}). It records what happens as events
 * ({@link InChild#record}) and prints {@code READY pid=<pid> port=<port>} once it serves (port
 * {@code null} without a web server); then it does what {@code app.then} says ({@link ThenCalls}).
 * With {@code app.logging=true} its exit actions and a {@code @PreDestroy} bean log through SLF4J
 * ({@code app.logging} package). Written against what Spring Boot 3.5
 * and 4.0 share, so that one build of it runs on both.
 */
@SpringBootApplication
public class ShopApp {

    public static void main(String[] args) throws ReflectiveOperationException {
        SpringApplication application = new SpringApplication(ShopApp.class);
        application.setDefaultProperties(Map.of(
                "server.port", "0",
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "logging.level.org.apache", "warn"));
        if (Boolean.getBoolean("app.shutdownHandler")) {
            // As a library may: work for "before the JVM is shut down", handed to Spring Boot.
            SpringApplication.getShutdownHandlers().add(() -> InChild.record("shutdown handler ran"));
        }
        if (Boolean.getBoolean("app.noSpringShutdownHook")) {
            application.setRegisterShutdownHook(false);
        }
        ConfigurableApplicationContext context = application.run(args);
        if (context.getEnvironment().getProperty("app.logging", Boolean.class, false)) {
            dev.exitguard.spring.app.logging.LoggingStops.record();
        }
        InChild.record("started");
        System.out.println("READY pid=" + ProcessHandle.current().pid() + " port="
                + context.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
        ThenCalls.then(context);
    }
}
