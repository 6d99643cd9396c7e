package dev.exitguard.tests.apps;

import static dev.exitguard.testkit.InChild.record;
import static dev.exitguard.tests.apps.AppSupport.recording;

import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.testkit.InChild;
import java.io.IOException;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import sun.misc.Signal;

/**
 * A guarded app with three actions ({@code drain}, {@code work}, {@code release}, in three
 * phases) and, by system property, more:
 * <ul>
 *   <li>{@code app.hang=sleep}: an action {@code hung} that sleeps a minute;
 *       {@code app.hang=swallow}: an action {@code stubborn} that swallows every interrupt, forever
 *   <li>{@code app.exitInAction=N}: an action {@code exiter} that calls {@code System.exit(N)}, and
 *       an action {@code next} after it
 *   <li>{@code app.noSignals=true}: no signal trigger, so SIGTERM is the JVM's own: the exit begins
 *       in the JVM's shutdown, as without exitguard-signals on the class path
 *   <li>{@code app.julFile=path}: a {@code java.util.logging} file log, and an action
 *       {@code audit-log} (TELEMETRY) that logs to it
 *   <li>{@code app.hook=true}: a plain JVM shutdown hook, as another library would add
 *   <li>{@code app.customHandler=TERM}: a {@code sun.misc.Signal} handler installed before exitguard
 *   <li>{@code app.signals=INT,TERM,HUP}: {@code SignalTrigger.of(...)} handed to the builder
 *   <li>{@code app.raiseDuringInstall=TERM}: a trigger that raises the signal while exitguard installs
 *   <li>{@code app.noActions=true}: none of the three actions
 *   <li>{@code app.then}: after the ready line, {@code wait} (the default), {@code exit:N}
 *       ({@code System.exit}), {@code guardExit:N} ({@code ExitGuard.exit}), {@code return} (main
 *       returns), {@code uninstall} (uninstalled before the ready line, then wait), or
 *       {@code runActions} (the actions run in-process before the ready line, as in an application
 *       that ends the process itself, then wait)
 * </ul>
 */
public final class SignalApp {

    /** Kept: java.util.logging holds loggers weakly, and this one must live until the exit. */
    private static Logger audit;
    private static volatile boolean uninstalled;

    private SignalApp() {
    }

    public static void main(String[] args) throws Exception {
        String customHandler = System.getProperty("app.customHandler");
        if (customHandler != null) {
            Signal.handle(new Signal(customHandler), signal -> {
                record("custom-handler " + signal.getName());
                if (uninstalled) {
                    // With exitguard gone, this handler is the only one: it ends the process as its owner chose.
                    System.exit(42);
                }
            });
        }
        if (Boolean.getBoolean("app.hook")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> record("hook"), "other-library-hook"));
        }
        ExitGuard.Builder builder = ExitGuard.builder();
        if (!Boolean.getBoolean("app.noActions")) {
            builder.action(recording("drain", ExitPhase.DRAIN))
                    .action(recording("work", ExitPhase.DEFAULT))
                    .action(recording("release", ExitPhase.RELEASE));
        }
        String hang = System.getProperty("app.hang");
        if ("sleep".equals(hang)) {
            builder.action(ExitActions.named("hung").run(SignalApp::sleepAMinute));
        } else if ("swallow".equals(hang)) {
            builder.action(ExitActions.named("stubborn").run(SignalApp::swallowInterruptsForever));
        }
        String exitInAction = System.getProperty("app.exitInAction");
        if (exitInAction != null) {
            builder.action(ExitActions.named("exiter").run(context -> {
                record("start exiter");
                System.exit(Integer.parseInt(exitInAction));
            }));
            builder.action(recording("next", ExitPhase.DEFAULT, "exiter"));
        }
        if (Boolean.getBoolean("app.noSignals")) {
            builder.discoverTriggers(false);
        }
        String julFile = System.getProperty("app.julFile");
        if (julFile != null) {
            builder.action(julAction(julFile));
        }
        String signals = System.getProperty("app.signals");
        if (signals != null) {
            builder.trigger(SignalTrigger.of(signals.split(",")));
        }
        String raise = System.getProperty("app.raiseDuringInstall");
        if (raise != null) {
            builder.trigger(new RaisingTrigger(raise));
        }

        ExitGuard guard = builder.install();
        String then = System.getProperty("app.then", "wait");
        if (then.equals("uninstall")) {
            guard.uninstall();
            uninstalled = true;
        } else if (then.equals("runActions")) {
            guard.runActions(ExitReason.programmatic(0, "the app stops by itself"));
            record("runActions returned");
        }
        InChild.ready();
        if (then.startsWith("exit:")) {
            System.exit(Integer.parseInt(then.substring("exit:".length())));
        } else if (then.startsWith("guardExit:")) {
            guard.exit(Integer.parseInt(then.substring("guardExit:".length())));
        } else if (!then.equals("return")) {
            InChild.waitForever();
        }
    }

    private static void sleepAMinute(ExitContext context) throws InterruptedException {
        record("start hung");
        Thread.sleep(60_000);
        record("end hung");
    }

    private static void swallowInterruptsForever(ExitContext context) {
        record("start stubborn");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                record("stubborn swallowed an interrupt");
            }
        }
    }

    private static dev.exitguard.api.ExitAction julAction(String file) throws IOException {
        audit = Logger.getLogger("app.audit");
        FileHandler handler = new FileHandler(file, true);
        handler.setFormatter(new SimpleFormatter());
        audit.addHandler(handler);
        audit.setUseParentHandlers(false);
        return ExitActions.named("audit-log").phase(ExitPhase.TELEMETRY).run(context -> {
            audit.info("audit: exit by " + context.reason());
            record("end audit-log");
        });
    }

    /** Raises a signal from inside the install, after the discovered signal trigger was armed. */
    private static final class RaisingTrigger implements ExitTrigger {
        private final String signal;

        RaisingTrigger(String signal) {
            this.signal = signal;
        }

        @Override
        public void arm(ExitRequests requests) {
            Signal.raise(new Signal(signal));
            record("raised " + signal);
        }

        @Override
        public void disarm() {
        }

        @Override
        public String name() {
            return "app.raising-trigger";
        }
    }
}
