package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitConfigurationException.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each configuration problem is a value naming the actions (or the property) it is about, in the
 * order of the message, so that an adapter maps it to its sources without reading the text.
 */
class ProblemsTest {

    private final RecordingTerminator terminator = new RecordingTerminator();

    @Test
    void everyKindCarriesTheActionsItIsAboutAndTheMessageIsUnchanged() {
        ExitConfigurationException e = assertThrows(ExitConfigurationException.class, () -> Guards.isolated(terminator,
                Map.of("exitguard.deadline", "banana"))
                .action(Actions.noop("a", ExitPhase.DEFAULT, "b"))
                .action(Actions.noop("b", ExitPhase.DEFAULT, "a"))
                .action(Actions.noop("dup", ExitPhase.DEFAULT))
                .action(Actions.noop("dup", ExitPhase.DEFAULT))
                .action(Actions.noop("early", ExitPhase.DEFAULT, "late"))
                .action(Actions.noop("late", ExitPhase.RELEASE))
                .action(Actions.action("zero", ExitPhase.DEFAULT, Set.of(), Duration.ZERO, c -> { }))
                .build());

        List<Problem> details = e.details();
        assertEquals(e.problems(), details.stream().map(Problem::message).toList());
        assertEquals(List.of(List.of(), List.of("zero"), List.of("dup"), List.of("early", "late"), List.of("a", "b")),
                details.stream().map(Problem::actions).toList(), e::getMessage);
        assertEquals(List.of(Optional.of("exitguard.deadline"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), details.stream().map(Problem::property).toList());
        assertEquals("exit action [early] (phase DEFAULT) is after [late], which runs in a later phase (RELEASE);"
                + " an action can only wait for its own phase or an earlier one", details.get(3).message());
    }

    @Test
    void aRegistrationThatClosesACycleNamesItsActionsInTheCyclesOrder() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(Actions.noop("x", ExitPhase.DEFAULT, "z"))
                .action(Actions.noop("y", ExitPhase.DEFAULT, "x"))
                .build();

        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> guard.register(Actions.noop("z", ExitPhase.DEFAULT, "y")));

        assertEquals(List.of(new Problem("cycle among exit actions: [z] -> [y] -> [x] -> [z] (each is after() the next)",
                List.of("z", "y", "x"), Optional.empty())), e.details());
    }

    @Test
    void problemsGivenAsTextAreAboutNothingAndSurviveSerialisationAsText() throws Exception {
        ExitConfigurationException e = new ExitConfigurationException("cannot", List.of("one", "two"));
        assertEquals(List.of(new Problem("one", List.of(), Optional.empty()),
                new Problem("two", List.of(), Optional.empty())), e.details());

        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(assertThrows(ExitConfigurationException.class,
                    () -> Guards.isolated(terminator, Map.of("exitguard.plan", "maybe")).build()));
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            ExitConfigurationException back = (ExitConfigurationException) in.readObject();
            assertEquals(List.of("exitguard.plan: [maybe] is neither true nor false"), back.problems());
            assertEquals(List.of(new Problem("exitguard.plan: [maybe] is neither true nor false", List.of(),
                    Optional.empty())), back.details());
        }
    }
}
