package dev.exitguard.tests.modapp;

import dev.exitguard.core.ExitGuard;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ExitGuard.install()} on the module path: its actions are this module's providers. After
 * the ready line, {@code app.then} says what to do: {@code wait} (the default) or {@code exit:N}.
 * With {@code app.hooks=logging} it also registers a shutdown hook, as another library would, and
 * records to whom {@code java.lang} is open (for the agent's scenarios).
 */
public final class ModuleApp {

    private ModuleApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard.install();
        if ("logging".equals(System.getProperty("app.hooks"))) {
            Recorder.record("java.lang open to " + ExitGuard.class.getModule().getName() + ": "
                    + Object.class.getModule().isOpen("java.lang", ExitGuard.class.getModule()));
            Recorder.record("java.lang open to the app's module: "
                    + Object.class.getModule().isOpen("java.lang", ModuleApp.class.getModule()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Recorder.record("hook logging ran"), "logging-hook"));
        }
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        System.out.flush();
        String then = System.getProperty("app.then", "wait");
        if (then.startsWith("exit:")) {
            System.exit(Integer.parseInt(then.substring("exit:".length())));
        }
        new CountDownLatch(1).await();
    }
}
