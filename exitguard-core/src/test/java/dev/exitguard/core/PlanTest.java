package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.testkit.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan: what will happen at exit, before it happens. */
class PlanTest {

    private final RecordingTerminator terminator = new RecordingTerminator();

    @AfterEach
    void uninstall() {
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    private ExitGuard guard() {
        return Guards.isolated(terminator, Map.of("exitguard.deadline", "20s"))
                .trigger(new FakeTrigger("fake-signals"))
                .action(noop("telemetry", ExitPhase.TELEMETRY), "test telemetry")
                .action(action("flush", 0, Set.of("drain", "optional"), Duration.ofSeconds(3), c -> { }), "test flush")
                .action(noop("drain", ExitPhase.DRAIN), "test drain")
                .action(noop("close", 0, "flush"), "test close")
                .build();
    }

    @Test
    void theTextListsPhasesActionsSourcesEdgesTimeoutsTriggersAndWarnings() {
        assertEquals(String.join("\n",
                "exit plan: 4 actions in 3 phases; deadline 20s, halt grace 5s, action timeout none (the deadline bounds each)",
                "triggers (not installed, so none is armed):",
                "  fake-signals",
                "phase DRAIN (-1000)",
                "  drain  from test drain",
                "phase DEFAULT (0)",
                "  flush  after [drain, optional]  timeout 3s  from test flush",
                "  close  after [flush]  from test close",
                "phase TELEMETRY (2000)",
                "  telemetry  from test telemetry",
                "warnings:",
                "  - exit action [flush] is after [optional], which is not registered; that ordering is ignored until it is"),
                guard().plan().toText());
    }

    @Test
    void theJsonSaysTheSame() {
        Map<String, Object> json = JsonReader.object(JsonReader.read(guard().plan().toJson()));

        assertEquals(20000.0, json.get("deadlineMillis"));
        assertEquals(false, json.get("installed"));
        List<Object> actions = JsonReader.array(json.get("actions"));
        assertEquals(List.of("drain", "flush", "close", "telemetry"),
                actions.stream().map(a -> JsonReader.object(a).get("name")).toList());
        assertEquals(Map.of("name", "flush", "phase", 0.0, "phaseName", "DEFAULT", "after", List.of("drain", "optional"),
                "timeoutMillis", 3000.0, "source", "test flush"), JsonReader.object(actions.get(1)));
        assertEquals(1, JsonReader.array(json.get("warnings")).size());
    }

    @Test
    void anInstalledGuardListsItsShutdownHookAndFollowsRegistrations() {
        ExitGuard guard = Guards.isolated(terminator).install();
        ExitRegistration registration = guard.register(noop("later", 0));

        ExitPlan plan = guard.plan();

        assertTrue(plan.installed());
        assertEquals(List.of(new ExitPlan.Trigger("exitguard JVM shutdown hook",
                "System.exit, Runtime.exit, or the last non-daemon thread ending")), plan.triggers());
        assertEquals("later", plan.actions().get(0).name());
        assertTrue(plan.actions().get(0).source().matches("ExitGuard\\.register\\(\\) from dev\\.exitguard\\.core\\.PlanTest"
                + "\\.anInstalledGuardListsItsShutdownHookAndFollowsRegistrations:\\d+"), plan.actions().get(0)::source);
        registration.unregister();
        assertEquals(List.of(), guard.plan().actions());
    }

    @Test
    void theCommandPrintsThePlanOfTheClassPath(@TempDir Path folder) throws Exception {
        Path services = folder.resolve("META-INF/services/" + ExitAction.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, DiscoveryTest.class.getName() + "$AlsoGood\n");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {folder.toUri().toURL()}, before));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = PrintExitPlan.run(List.of("--json"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertEquals(0, code, err::toString);
            Map<String, Object> json = JsonReader.object(JsonReader.read(out.toString(StandardCharsets.UTF_8)));
            Map<String, Object> action = JsonReader.object(JsonReader.array(json.get("actions")).get(0));
            assertEquals("also-good", action.get("name"));
            assertTrue(((String) action.get("source")).startsWith("ServiceLoader ("), action::toString);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void anEmptyPlanIsShortAndItsJsonExact() {
        ExitPlan plan = Guards.isolated(terminator).build().plan();

        assertEquals(String.join("\n",
                "exit plan: 0 actions in 0 phases; deadline 25s, halt grace 5s, action timeout none (the deadline bounds each)",
                "triggers (not installed, so none is armed): none"), plan.toText());
        assertEquals(plan.toText(), plan.toString());
        assertEquals("{\n  \"deadlineMillis\": 25000,\n  \"haltGraceMillis\": 5000,\n  \"actionTimeoutMillis\": null,\n"
                + "  \"phaseTimeouts\": [],\n  \"installed\": false,\n  \"triggers\": [],\n  \"actions\": [],\n  \"warnings\": []\n}\n", plan.toJson());
        assertEquals(25000.0, JsonReader.object(JsonReader.read(plan.toJson())).get("deadlineMillis"));
    }

    @Test
    void theJsonOfAFullPlanIsExact() {
        ExitPlan plan = Guards.isolated(terminator, Map.of("exitguard.actionTimeout", "2s"))
                .trigger(new FakeTrigger("one"))
                .trigger(new FakeTrigger("two"))
                .action(action("a", 0, Set.of("x", "y"), Duration.ofMillis(1500), c -> { }), "here")
                .action(noop("b", 0), "there")
                .build().plan();

        assertEquals(String.join("\n",
                "{",
                "  \"deadlineMillis\": 25000,",
                "  \"haltGraceMillis\": 5000,",
                "  \"actionTimeoutMillis\": 2000,",
                "  \"phaseTimeouts\": [],",
                "  \"installed\": false,",
                "  \"triggers\": [",
                "    {\"name\": \"one\", \"description\": \"one\"},",
                "    {\"name\": \"two\", \"description\": \"two\"}",
                "  ],",
                "  \"actions\": [",
                "    {\"name\": \"a\", \"phase\": 0, \"phaseName\": \"DEFAULT\", \"after\": [\"x\", \"y\"], \"timeoutMillis\": 1500,"
                        + " \"source\": \"here\"},",
                "    {\"name\": \"b\", \"phase\": 0, \"phaseName\": \"DEFAULT\", \"after\": [], \"timeoutMillis\": null,"
                        + " \"source\": \"there\"}",
                "  ],",
                "  \"warnings\": [",
                "    \"exit action [a] is after [x], which is not registered; that ordering is ignored until it is\",",
                "    \"exit action [a] is after [y], which is not registered; that ordering is ignored until it is\"",
                "  ]",
                "}",
                ""), plan.toJson());
        assertEquals(List.of("a", "b"), JsonReader.array(JsonReader.object(JsonReader.read(plan.toJson())).get("actions"))
                .stream().map(action -> JsonReader.object(action).get("name")).toList());
        assertTrue(plan.toText().contains("\n  a  after [x, y]  timeout 1500ms  from here\n  b  from there"), plan::toText);
    }

    @Test
    void aTriggerThatCannotDescribeItselfIsStillListed() {
        ExitPlan plan = Guards.isolated(terminator).trigger(new dev.exitguard.api.ExitTrigger() {
            @Override
            public void arm(dev.exitguard.api.ExitRequests requests) {
            }

            @Override
            public void disarm() {
            }

            @Override
            public String name() {
                return "moody";
            }

            @Override
            public String description() {
                throw new IllegalStateException("not today");
            }
        }).build().plan();

        assertEquals(List.of(new ExitPlan.Trigger("moody", "(description() threw java.lang.IllegalStateException:"
                + " not today)")), plan.triggers());
    }

    @Test
    void theCommandExplainsItself() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = PrintExitPlan.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));

        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: java -cp <your application's class path>"
                + " dev.exitguard.core.PrintExitPlan [--json]\n"), () -> out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandPrintsTheTextPlanAndFailsOnAnInvalidConfiguration() {
        String before = System.getProperty("exitguard.deadline");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            int fine = PrintExitPlan.run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream()));
            System.setProperty("exitguard.deadline", "banana");
            int invalid = PrintExitPlan.run(List.of(), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertEquals(0, fine);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("exit plan: "), () -> out.toString(StandardCharsets.UTF_8));
            assertEquals(1, invalid);
            assertEquals("exitguard cannot be installed: 1 problem\n\n1) exitguard.deadline: cannot read [banana] as a"
                    + " duration (examples: 25s, 500ms, PT25S)\n\n", err.toString(StandardCharsets.UTF_8));
        } finally {
            if (before == null) {
                System.clearProperty("exitguard.deadline");
            } else {
                System.setProperty("exitguard.deadline", before);
            }
        }
    }

    @Test
    void theCommandRefusesUnknownArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = PrintExitPlan.run(List.of("--yaml"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("unknown argument [--yaml]\nusage: "));
    }
}
