package dev.exitguard.tests.modapp;

import dev.exitguard.core.ExitGuard;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ExitGuard.install()} on the module path: its actions are this module's providers. After
 * the ready line, {@code app.then} says what to do: {@code wait} (the default) or {@code exit:N}.
 */
public final class ModuleApp {

    private ModuleApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard.install();
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        System.out.flush();
        String then = System.getProperty("app.then", "wait");
        if (then.startsWith("exit:")) {
            System.exit(Integer.parseInt(then.substring("exit:".length())));
        }
        new CountDownLatch(1).await();
    }
}
