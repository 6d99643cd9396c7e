package dev.exitguard.tests.apps.agent;

import static dev.exitguard.testkit.InChild.record;

import dev.exitguard.testkit.InChild;
import dev.exitguard.tests.apps.logging.AppLog;

/**
 * The shutdown hooks another library would register, with {@link Runtime#addShutdownHook}: what
 * the agent's apps register, by name.
 */
public final class ForeignHooks {

    /** What the logging hook logs, when the app logs through a backend. */
    public static final String LOGGING_HOOK_LINE = "the logging hook says goodbye";

    private ForeignHooks() {
    }

    /**
     * Registers each hook named in {@code names} (comma list): {@code hung}, {@code logging},
     * {@code exiting} (calls {@code System.exit(7)}), {@code failing} (throws).
     */
    public static void register(String names, AppLog log) {
        for (String name : names.split(",")) {
            switch (name.strip()) {
                case "hung" -> Runtime.getRuntime().addShutdownHook(new Thread(ForeignHooks::hang, "hung-hook"));
                case "logging" -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    record("hook logging ran");
                    if (log != null) {
                        log.info(LOGGING_HOOK_LINE);
                    }
                }, "logging-hook"));
                case "exiting" -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    record("hook exiting calls System.exit(7)");
                    System.exit(7);
                }, "exiting-hook"));
                case "failing" -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    record("hook failing ran");
                    throw new IllegalStateException("the failing hook broke");
                }, "failing-hook"));
                case "" -> { }
                default -> throw new IllegalArgumentException("app.hooks: no hook named [" + name + "]");
            }
        }
    }

    /** A hook that never ends and ignores every interrupt, as a hung library's hook does. */
    static void hang() {
        record("hook hung started");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                record("hook hung interrupted, and ignores it");
            }
        }
    }
}
