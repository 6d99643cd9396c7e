package dev.exitguard.tests.apps.agent;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;
import dev.exitguard.tests.apps.logging.AppLog;
import java.util.Optional;

/**
 * An application for the agent: by default it has no exitguard code at all (its exit actions are
 * {@code ServiceLoader} providers, {@code providers/agent}); it registers the shutdown hooks another
 * library would, and ends as told. By system property:
 * <ul>
 *   <li>{@code app.hooks}: the hooks it registers in {@code main} ({@link ForeignHooks}), comma list
 *   <li>{@code app.log}: {@code log4j}, {@code slf4j} or {@code jul}: it logs its start, and its
 *       logging hook logs, through that API
 *   <li>{@code app.install=true}: calls {@code ExitGuard.install()} itself and registers one action,
 *       {@code registered}, as an application with exitguard of its own does; records whether a guard
 *       was installed before {@code main} and whether {@code install()} returned it
 *   <li>{@code app.then}: after the ready line, {@code wait} (the default, for a signal),
 *       {@code exit:N} ({@code System.exit}), {@code guardExit:N} ({@code ExitGuard.exit} on the
 *       installed guard), or {@code return}
 * </ul>
 */
public final class AgentApp {

    public static final String STARTED = "app started";

    private AgentApp() {
    }

    public static void main(String[] args) throws Exception {
        String api = System.getProperty("app.log");
        AppLog log = api == null ? null : AppLog.named(api);
        if (log != null) {
            log.info(STARTED);
        }
        record("main began");
        record("java.lang open to the class path: "
                + Object.class.getModule().isOpen("java.lang", AgentApp.class.getModule()));
        if (Boolean.getBoolean("app.install")) {
            installItself();
        }
        ForeignHooks.register(System.getProperty("app.hooks", ""), log);
        String then = System.getProperty("app.then", "wait");
        InChild.ready();
        if (then.startsWith("exit:")) {
            System.exit(Integer.parseInt(then.substring("exit:".length())));
        } else if (then.startsWith("guardExit:")) {
            ExitGuard.installed().orElseThrow().exit(Integer.parseInt(then.substring("guardExit:".length())));
        } else if (!then.equals("return")) {
            InChild.waitForever();
        }
    }

    private static void installItself() {
        Optional<ExitGuard> before = ExitGuard.installed();
        record("guard before main: " + before.isPresent());
        ExitGuard guard = ExitGuard.install();
        record("install returned " + (before.isPresent() && before.get() == guard ? "that guard" : "a new guard"));
        guard.register(ExitActions.named("registered").run(context -> record("ran registered")));
    }
}
