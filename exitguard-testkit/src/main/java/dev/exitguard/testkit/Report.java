package dev.exitguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON exit report a child wrote ({@value ChildJvm#REPORT_PROPERTY}), read with {@link JsonReader}
 * (so with both of its readers). Immutable.
 *
 * @since 0.1
 */
public final class Report {

    /**
     * One action's entry.
     *
     * @param name the action's name
     * @param phase its phase
     * @param outcome {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code SKIPPED}
     * @param error the error, if it failed; else null
     * @param stack where it was stuck, if it timed out; else null
     * @param detail what else the report says of it; may be null
     * @param durationMillis how long it ran; 0 if it never started
     */
    public record Action(String name, int phase, String outcome, String error, String stack, String detail,
            double durationMillis) {
    }

    private final Map<String, Object> root;
    private final Supplier<String> context;

    /**
     * The report in {@code file}, written by a child (or by the agent, where a test names the file
     * itself); {@code context} describes the child for failure messages.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Report of(Path file, Supplier<String> context) {
        try {
            return new Report(Files.readString(file, StandardCharsets.UTF_8), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Report(String json, Supplier<String> context) {
        this.root = JsonReader.object(JsonReader.read(json));
        this.context = context;
    }

    /** The whole report, as {@link JsonReader} reads it: for what the accessors do not cover. */
    public Map<String, Object> json() {
        return root;
    }

    private Map<String, Object> reason() {
        return JsonReader.object(root.get("reason"));
    }

    /** The reason's kind: {@code SIGNAL}, {@code PROGRAMMATIC} or {@code JVM_SHUTDOWN}. */
    public String kind() {
        return (String) reason().get("kind");
    }

    /** The reason's detail, e.g. {@code TERM}. */
    public String detail() {
        return (String) reason().get("detail");
    }

    /** The exit code the report gives; -1 where it is null (a {@code JVM_SHUTDOWN} exit). */
    public int exitCode() {
        Object code = reason().get("exitCode");
        return code == null ? -1 : ((Double) code).intValue();
    }

    /** Every action's entry, in the report's order. */
    public List<Action> actions() {
        return JsonReader.array(root.get("actions")).stream().map(JsonReader::object)
                .map(m -> new Action((String) m.get("name"), ((Double) m.get("phase")).intValue(),
                        (String) m.get("outcome"), (String) m.get("error"), (String) m.get("stack"),
                        (String) m.get("detail"), m.get("durationMillis") == null ? 0 : (Double) m.get("durationMillis")))
                .toList();
    }

    /** The actions' names, in the report's order. */
    public List<String> names() {
        return actions().stream().map(Action::name).toList();
    }

    /** The entry of the action with this name; fails, showing the child, if there is none. */
    public Action action(String name) {
        return actions().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no action [" + name + "] in the report " + names() + "\n"
                        + context.get()));
    }

    /** The report's {@code deadlineMillis}. */
    public long deadlineMillis() {
        return ((Double) root.get("deadlineMillis")).longValue();
    }

    /**
     * The {@code "halt"} member a watchdog adds before it halts: {@code cause}, {@code exitCode} and
     * {@code threads} (each with {@code name}, {@code roles}, {@code daemon}, {@code state},
     * {@code stack}); fails, showing the child, if there is none.
     */
    public Map<String, Object> halt() {
        Object halt = root.get("halt");
        if (halt == null) {
            throw new AssertionError("the report has no \"halt\" member\n" + context.get());
        }
        return JsonReader.object(halt);
    }

    /** Asserts the reason's kind and exit code (-1 for none). */
    public void assertReason(String kind, int exitCode) {
        assertEquals(kind, kind(), context);
        assertEquals(exitCode, exitCode(), context);
    }

    /** Asserts that every action has this outcome. */
    public void assertAll(String outcome) {
        for (Action action : actions()) {
            assertEquals(outcome, action.outcome(), () -> "outcome of [" + action.name() + "]\n" + context.get());
        }
    }
}
