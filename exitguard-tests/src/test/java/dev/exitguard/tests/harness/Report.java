package dev.exitguard.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testing.JsonReader;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The JSON exit report a child wrote ({@code exitguard.report}), read. */
public final class Report {

    /** One action's entry. */
    public record Action(String name, int phase, String outcome, String error, String stack, String detail) {
    }

    private final Map<String, Object> root;
    private final Supplier<String> context;

    /** The report in {@code file}, a child's; {@code context} describes the child for failure messages. */
    public static Report of(java.nio.file.Path file, Supplier<String> context) {
        return new Report(ChildResult.read(file), context);
    }

    Report(String json, Supplier<String> context) {
        this.root = JsonReader.object(JsonReader.read(json));
        this.context = context;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> reason() {
        return (Map<String, Object>) root.get("reason");
    }

    public String kind() {
        return (String) reason().get("kind");
    }

    public String detail() {
        return (String) reason().get("detail");
    }

    /** The exit code the report gives; -1 where it is null (a JVM_SHUTDOWN exit). */
    public int exitCode() {
        Object code = reason().get("exitCode");
        return code == null ? -1 : ((Double) code).intValue();
    }

    @SuppressWarnings("unchecked")
    public List<Action> actions() {
        return ((List<Object>) root.get("actions")).stream().map(o -> (Map<String, Object>) o)
                .map(m -> new Action((String) m.get("name"), ((Double) m.get("phase")).intValue(),
                        (String) m.get("outcome"), (String) m.get("error"), (String) m.get("stack"),
                        (String) m.get("detail")))
                .toList();
    }

    public List<String> names() {
        return actions().stream().map(Action::name).toList();
    }

    /** The entry of the action with this name; fails, showing the child, if there is none. */
    public Action action(String name) {
        return actions().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseGet(() -> fail("no action [" + name + "] in the report " + names() + "\n" + context.get()));
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
    @SuppressWarnings("unchecked")
    public Map<String, Object> halt() {
        Object halt = root.get("halt");
        if (halt == null) {
            fail("the report has no \"halt\" member\n" + context.get());
        }
        return (Map<String, Object>) halt;
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
