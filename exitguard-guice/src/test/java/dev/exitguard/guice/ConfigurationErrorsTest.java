package dev.exitguard.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.spi.Message;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A misconfigured action fails {@code createInjector} as Guice's own errors do: a
 * {@link CreationException} listing every problem, each citing the bindings it is about.
 */
class ConfigurationErrorsTest {

    private static final String HERE = ConfigurationErrorsTest.class.getName();

    /** The line this is called from, so that a test can name the source Guice records for a binding. */
    private static int line() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow().getLineNumber());
    }

    private static CreationException creationFails(Module actions) {
        return assertThrows(CreationException.class, () -> Guice.createInjector(Modules.isolated().build(), actions));
    }

    /**
     * Each message's text and the binding sources it cites, as {@link Sources#describe(Object)}
     * words them, in the order Guice prints them (its last source first).
     */
    private static List<String> describe(CreationException e) {
        List<String> out = new ArrayList<>();
        for (Message message : e.getErrorMessages()) {
            StringBuilder text = new StringBuilder(message.getMessage());
            List<Object> sources = new ArrayList<>(message.getSources());
            Collections.reverse(sources);
            for (Object source : sources) {
                String where = Sources.describe(source);
                if (where.startsWith(HERE)) {
                    text.append("\n  at ").append(where);
                }
            }
            out.add(text.toString());
        }
        return out;
    }

    static final class ZeroTimeout implements ExitAction {
        @Override
        public void run(ExitContext context) {
        }

        @Override
        public String name() {
            return "zero-timeout";
        }

        @Override
        public Optional<Duration> timeout() {
            return Optional.of(Duration.ZERO);
        }
    }

    @Test
    void everyProblemIsReportedAtOnceCitingTheBindingsItConcerns() {
        Map<String, Integer> lines = new HashMap<>();
        CreationException e = creationFails(new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("a").after("b").run(c -> { })); lines.put("a", line());
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("b").after("a").run(c -> { })); lines.put("b", line());
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("dup").run(c -> { })); lines.put("dup1", line());
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("dup").run(c -> { })); lines.put("dup2", line());
                ExitGuardModule.actions(binder()).addBinding().to(ZeroTimeout.class); lines.put("zero", line());
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("early").after("late").run(c -> { })); lines.put("early", line());
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("late").phase(ExitPhase.RELEASE).run(c -> { })); lines.put("late", line());
            }
        });
        String at = HERE + "$1.configure(ConfigurationErrorsTest.java:";
        String definedAction = ExitActions.class.getName() + "$DefinedAction";

        assertEquals(List.of(
                "exitguard: cycle among exit actions: [a] -> [b] -> [a] (each is after() the next)"
                        + "\n  at " + at + lines.get("a") + ")"
                        + "\n  at " + at + lines.get("b") + ")",
                "exitguard: duplicate exit action name [dup]: "
                        + definedAction + " (Guice binding at " + at + lines.get("dup1") + ")) and "
                        + definedAction + " (Guice binding at " + at + lines.get("dup2") + ")); names must be unique (override name())"
                        + "\n  at " + at + lines.get("dup1") + ")"
                        + "\n  at " + at + lines.get("dup2") + ")",
                "exitguard: exit action [zero-timeout] (Guice binding at " + at + lines.get("zero") + ")) has a timeout of 0ms;"
                        + " a timeout must be positive"
                        + "\n  at " + at + lines.get("zero") + ")",
                "exitguard: exit action [early] (phase DEFAULT) is after [late], which runs in a later phase (RELEASE);"
                        + " an action can only wait for its own phase or an earlier one"
                        + "\n  at " + at + lines.get("early") + ")"
                        + "\n  at " + at + lines.get("late") + ")"),
                describe(e));
        assertTrue(e.getMessage().startsWith("Unable to create injector, see the following errors:"), e::getMessage);
        assertTrue(e.getMessage().contains("4 errors"), e::getMessage);
    }

    static final class Exploding implements ExitAction {
        @Inject
        Exploding() {
            throw new IllegalStateException("the journal is not configured");
        }

        @Override
        public void run(ExitContext context) {
        }
    }

    @Test
    void anActionThatCannotBeCreatedFailsTheInjectorWithGuicesOwnError() {
        int[] line = new int[1];
        CreationException e = creationFails(new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().to(Exploding.class); line[0] = line();
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("fine").run(c -> { }));
            }
        });

        assertEquals(1, e.getErrorMessages().size(), e::getMessage);
        Message message = e.getErrorMessages().iterator().next();
        assertEquals("the journal is not configured", message.getCause().getMessage());
        assertTrue(message.getSources().stream().map(Sources::describe)
                .anyMatch(s -> s.equals(HERE + "$2.configure(ConfigurationErrorsTest.java:" + line[0] + ")")),
                e::getMessage);
    }

    @Test
    void aNullActionIsAnErrorNamingItsBinding() {
        CreationException e = creationFails(new AbstractModule() {
            @ProvidesIntoSet
            ExitAction nothing() {
                return null;
            }
        });

        assertEquals(List.of("exitguard: the exit action bound at " + HERE + "$3.nothing() is null"),
                e.getErrorMessages().stream().map(Message::getMessage).toList());
    }

    /** A trigger whose configuration the user must fix. */
    static final class Unarmable implements ExitTrigger {
        @Override
        public void arm(ExitRequests requests) {
            throw new IllegalArgumentException("port 99999 is out of range");
        }

        @Override
        public void disarm() {
        }

        @Override
        public String name() {
            return "control-port";
        }
    }

    @Test
    void aTriggerThatCannotBeArmedFailsTheInjectorAndLeavesNoGuardInstalled() {
        assertTrue(ExitGuard.installed().isEmpty(), "a guard left installed by another test");
        CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(ExitGuardModule.builder()
                .customize(builder -> builder.discoverActions(false).discoverTriggers(false).trigger(new Unarmable()))
                .build()));

        assertEquals(List.of("exitguard: exit trigger control-port could not be armed: port 99999 is out of range"),
                e.getErrorMessages().stream().map(Message::getMessage).toList());
        assertTrue(ExitGuard.installed().isEmpty());
    }
}
