package dev.exitguard.spring;

import dev.exitguard.spring.app.logging.LoggingPreDestroy;
import dev.exitguard.testkit.Child;
import java.util.ArrayList;
import java.util.List;

/** Every way the shop app's process ends in a logging scenario, with the exit code it must end with. */
enum SpringExitPath {
    SIGTERM("TERM", "wait", null, false, 143),
    SIGINT("INT", "wait", null, false, 130),
    GUARD_EXIT(null, "guardExit:3", null, false, 3),
    SYSTEM_EXIT(null, "exit:4", null, false, 4),
    SYSTEM_EXIT_ON_ANOTHER_THREAD(null, "exitThread:5", null, false, 5),
    /** Without a web server, nothing keeps the JVM alive once {@code main} returns. */
    MAIN_RETURNS(null, "return", null, true, 0),
    /** The same, but {@code main} ends with an uncaught exception: the launcher's status is 1. */
    UNCAUGHT_EXCEPTION(null, "throw", null, true, 1),
    /** SIGTERM, and an exit action that calls {@code System.exit(6)}: the first status to reach the JVM wins. */
    SYSTEM_EXIT_IN_AN_ACTION("TERM", "wait", 6, false, 6);

    private final String signal;
    private final String then;
    private final Integer exitInAction;
    private final boolean noWebServer;
    private final int exitCode;

    SpringExitPath(String signal, String then, Integer exitInAction, boolean noWebServer, int exitCode) {
        this.signal = signal;
        this.then = then;
        this.exitInAction = exitInAction;
        this.noWebServer = noWebServer;
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** {@code app.then}: what the app does once it is ready. */
    String then() {
        return then;
    }

    /** The app's arguments for this path. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        if (exitInAction != null) {
            arguments.add("--app.exit-in-action=" + exitInAction);
        }
        if (noWebServer) {
            arguments.add("--spring.main.web-application-type=none");
        }
        return arguments;
    }

    /** The exit action beans that log their lines on this path. */
    List<String> actions() {
        List<String> actions = new ArrayList<>(List.of("log-drain", "log-slow", "log-quick", "log-telemetry"));
        if (exitInAction != null) {
            actions.add("exiter");
        }
        return actions;
    }

    /** The names of what logs its lines at exit on this path: the exit action beans and the {@code @PreDestroy} bean. */
    List<String> loggers() {
        List<String> loggers = new ArrayList<>(actions());
        loggers.add(LoggingPreDestroy.NAME);
        return loggers;
    }

    /** Ends the ready app this way. */
    void end(Child child) throws InterruptedException {
        if (signal != null) {
            child.signal(signal);
        }
    }
}
