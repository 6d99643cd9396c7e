package dev.exitguard.spring.app;

import dev.exitguard.core.ExitGuard;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the app does once it is ready, by system property {@code app.then}: {@code wait} (the default,
 * for a signal), {@code guardExit:N} ({@code ExitGuard.exit(N)}), {@code exit:N} ({@code System.exit}
 * from {@code main}), {@code exitThread:N} ({@code System.exit} from another thread), or
 * {@code return} ({@code main} returns; with no web server nothing else keeps the JVM alive), or
 * {@code throw} (an uncaught exception ends {@code main}; the same without a web server).
 * A class apart so that the app runs without exitguard too.
 */
final class ThenCalls {

    private ThenCalls() {
    }

    static void then(ConfigurableApplicationContext context) {
        String then = System.getProperty("app.then", "wait");
        if (then.startsWith("guardExit:")) {
            context.getBean(ExitGuard.class).exit(Integer.parseInt(then.substring("guardExit:".length())));
        } else if (then.startsWith("exit:")) {
            System.exit(Integer.parseInt(then.substring("exit:".length())));
        } else if (then.startsWith("exitThread:")) {
            int status = Integer.parseInt(then.substring("exitThread:".length()));
            new Thread(() -> System.exit(status), "app-exiter").start();
        } else if (then.equals("throw")) {
            throw new IllegalStateException("app.then=throw: main ends with an uncaught exception");
        }
    }
}
