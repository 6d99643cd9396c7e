package dev.exitguard.tests.logging;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import java.util.ArrayList;
import java.util.List;

/** Every way a process ends, as {@code LoggingApp} is told to end, with the exit code it must end with. */
enum ExitPath {
    SIGTERM("TERM", "wait", null, 143),
    SIGINT("INT", "wait", null, 130),
    GUARD_EXIT(null, "guardExit:3", null, 3),
    SYSTEM_EXIT(null, "exit:4", null, 4),
    SYSTEM_EXIT_ON_ANOTHER_THREAD(null, "exitThread:5", null, 5),
    MAIN_RETURNS(null, "return", null, 0),
    UNCAUGHT_EXCEPTION(null, "throw", null, 1),
    /** SIGTERM, and an action that calls {@code System.exit(6)}: the first status to reach the JVM wins. */
    SYSTEM_EXIT_IN_AN_ACTION("TERM", "wait", 6, 6);

    private final String signal;
    private final String then;
    private final Integer exitInAction;
    private final int exitCode;

    ExitPath(String signal, String then, Integer exitInAction, int exitCode) {
        this.signal = signal;
        this.then = then;
        this.exitInAction = exitInAction;
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** The app's actions on this path. */
    List<String> actions() {
        List<String> actions = new ArrayList<>(dev.exitguard.tests.apps.LoggingApp.ACTIONS);
        if (exitInAction != null) {
            actions.add("exiter");
        }
        return actions;
    }

    /** The events the app records as each of its actions on this path ends. */
    List<String> actionEnds() {
        return actions().stream().map(action -> "end " + action).toList();
    }

    /** Tells the app how to end. */
    ChildJvm configure(ChildJvm child) {
        child.property("app.then", then);
        if (exitInAction != null) {
            child.property("app.exitInAction", Integer.toString(exitInAction));
        }
        return child;
    }

    /** Starts the child, ends it this way, and waits for it to be gone. */
    ChildResult run(ChildJvm child) throws InterruptedException {
        try (Child running = configure(child).start()) {
            running.awaitReady();
            if (signal != null) {
                running.signal(signal);
            }
            return running.awaitExit();
        }
    }
}
