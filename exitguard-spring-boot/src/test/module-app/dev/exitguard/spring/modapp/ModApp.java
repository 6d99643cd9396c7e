package dev.exitguard.spring.modapp;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitActions;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * No web server; an exit action bean and a {@code @PreDestroy} bean that log their lines through
 * SLF4J. Prints {@code READY pid=<pid>} once started, then calls {@code System.exit(N)} for
 * {@code app.then=exit:N}, or waits for a signal ({@code spring.main.keep-alive}).
 */
@SpringBootApplication
public class ModApp {

    static final Logger LOG = LoggerFactory.getLogger("modapp");

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ModApp.class);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off",
                "spring.main.web-application-type", "none", "spring.main.keep-alive", "true"));
        application.run(args);
        // What the test checks that this ran on the module path: named modules, not the unnamed one.
        System.out.println("MODULES " + ModApp.class.getModule().getName() + " "
                + dev.exitguard.core.ExitGuard.class.getModule().getName());
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        System.out.flush();
        String then = System.getProperty("app.then", "wait");
        if (then.startsWith("exit:")) {
            System.exit(Integer.parseInt(then.substring("exit:".length())));
        }
    }

    static void logLines(String name) {
        for (int i = 1; i <= 30; i++) {
            LOG.info("line " + i + " of " + name);
        }
    }

    @Bean
    ExitAction modappLog() {
        return ExitActions.named("modapp-log").run(context -> logLines("modapp-log"));
    }

    /** Logs its lines as the context closes. */
    @Component
    static class Closing {
        @PreDestroy
        void close() {
            logLines("pre-destroy");
        }
    }
}
