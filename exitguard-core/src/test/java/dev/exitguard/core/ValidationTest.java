package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static dev.exitguard.core.Actions.noop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rules checked at install and at registration, and the exact words that name the culprits. */
class ValidationTest {

    private final RecordingTerminator terminator = new RecordingTerminator();

    private ExitConfigurationException installFails(ExitAction... actions) {
        ExitGuard.Builder builder = Guards.isolated(terminator);
        for (ExitAction action : actions) {
            builder.action(action, "test");
        }
        return assertThrows(ExitConfigurationException.class, builder::build);
    }

    @Test
    void aCycleIsNamedWhole() {
        ExitConfigurationException e = installFails(
                noop("flush-journal", 0, "close-db"),
                noop("close-db", 0, "flush-journal"),
                noop("bystander", 0, "close-db"));

        assertEquals(List.of("cycle among exit actions: [close-db] -> [flush-journal] -> [close-db]"
                + " (each is after() the next)"), e.problems());
    }

    @Test
    void aLongerCycleIsNamedFromItsFirstNameAndEveryCycleIsReported() {
        ExitConfigurationException e = installFails(
                noop("c", 0, "a"), noop("a", 0, "b"), noop("b", 0, "c"),
                noop("self", 0, "self"));

        assertEquals(List.of(
                "cycle among exit actions: [a] -> [b] -> [c] -> [a] (each is after() the next)",
                "cycle among exit actions: [self] -> [self] (each is after() the next)"), e.problems());
    }

    @Test
    void duplicateNamesNameBothSources() {
        ExitConfigurationException e = installFails(noop("same", 0), noop("same", ExitPhase.RELEASE));

        assertEquals(1, e.problems().size());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("duplicate exit action name [same]: "), problem);
        assertTrue(problem.endsWith("; names must be unique (override name())"), problem);
        assertEquals(2, problem.split("\\(test\\)", -1).length - 1, problem);
    }

    @Test
    void threeActionsOfOneNameAreNamedInOneProblem() {
        ExitConfigurationException e = installFails(noop("same", 0), noop("same", 0), noop("same", 0));

        String type = noop("x", 0).getClass().getName();
        assertEquals(List.of("duplicate exit action name [same]: " + type + " (test), " + type + " (test) and " + type
                + " (test); names must be unique (override name())"), e.problems());
    }

    /** Of several shortest cycles through the first name, the one through the next name in order is named. */
    @Test
    void theCycleNamedIsTheSameWhateverTheOrderOfAfter() {
        ExitConfigurationException e = installFails(
                noop("a", 0, "e", "d", "c", "b", "f"),
                noop("b", 0, "a"), noop("c", 0, "a"), noop("d", 0, "a"), noop("e", 0, "a"), noop("f", 0, "a"));

        assertEquals(List.of("cycle among exit actions: [a] -> [b] -> [a] (each is after() the next)"), e.problems());
    }

    @Test
    void aTimeoutOfAtMostADayIsAccepted() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(action("a-day", 0, Set.of(), Duration.ofDays(1), c -> { }))
                .build();
        ExitConfigurationException e = installFails(
                action("longer", 0, Set.of(), Duration.ofDays(1).plusMillis(1), c -> { }));

        assertEquals(List.of("a-day"), guard.actionNames());
        assertEquals(List.of("exit action [longer] (test) has a timeout of 86400001ms; at most 24h is allowed"
                + " (the exit's deadline bounds it anyway)"), e.problems());
    }

    @Test
    void spiMethodsThatThrowOrHoldABlankNameAreErrorsNamingTheAction() {
        ExitAction throwsName = new ExitAction() {
            @Override
            public void run(ExitContext context) {
            }

            @Override
            public String name() {
                throw new IllegalStateException("no name yet");
            }
        };
        ExitAction throwsRest = new ExitAction() {
            @Override
            public void run(ExitContext context) {
            }

            @Override
            public String name() {
                return "throws-rest";
            }

            @Override
            public Set<String> after() {
                throw new UnsupportedOperationException("after");
            }

            @Override
            public Optional<Duration> timeout() {
                throw new UnsupportedOperationException("timeout");
            }
        };

        ExitConfigurationException e = installFails(throwsName, throwsRest,
                noop("blank-after", 0, "ok", " "));

        assertEquals(List.of(
                "exit action " + throwsName.getClass().getName() + " (test): name() threw"
                        + " java.lang.IllegalStateException: no name yet",
                "exit action [throws-rest] (test): after() threw java.lang.UnsupportedOperationException: after",
                "exit action [throws-rest] (test): timeout() threw java.lang.UnsupportedOperationException: timeout",
                "exit action [blank-after] (test): after() holds a null or blank name: " + Set.of("ok", " ")),
                e.problems());
    }

    @Test
    void afterIntoALaterPhaseIsAnError() {
        ExitConfigurationException e = installFails(
                noop("flush", ExitPhase.DEFAULT, "close"), noop("close", ExitPhase.RELEASE));

        assertEquals(List.of("exit action [flush] (phase DEFAULT) is after [close], which runs in a later phase"
                + " (RELEASE); an action can only wait for its own phase or an earlier one"), e.problems());
    }

    @Test
    void zeroAndNegativeTimeoutsAreErrors() {
        ExitConfigurationException e = installFails(
                action("zero", 0, Set.of(), Duration.ZERO, c -> { }),
                action("negative", 0, Set.of(), Duration.ofSeconds(-1), c -> { }));

        assertEquals(List.of(
                "exit action [zero] (test) has a timeout of 0ms; a timeout must be positive",
                "exit action [negative] (test) has a timeout of -1s; a timeout must be positive"), e.problems());
    }

    @Test
    void everyProblemIsReportedAtOnceNumbered() {
        ExitConfigurationException e = installFails(
                noop("a", 0, "b"), noop("b", 0, "a"),
                action("slow", 0, Set.of(), Duration.ofMillis(-5), c -> { }),
                noop("early", ExitPhase.DRAIN, "late"), noop("late", ExitPhase.TELEMETRY));

        assertEquals(3, e.problems().size(), e::getMessage);
        String message = e.getMessage();
        assertTrue(message.startsWith("exitguard cannot be installed: 3 problems\n\n1) "), message);
        assertTrue(message.contains("\n2) ") && message.contains("\n3) "), message);
    }

    @Test
    void misbehavingSpiMethodsAreErrorsNamingTheClass() {
        ExitAction nullName = new ExitAction() {
            @Override
            public void run(ExitContext context) {
            }

            @Override
            public String name() {
                return " ";
            }
        };
        ExitAction nullAfter = new ExitAction() {
            @Override
            public void run(ExitContext context) {
            }

            @Override
            public String name() {
                return "null-after";
            }

            @Override
            public Set<String> after() {
                return null;
            }

            @Override
            public Optional<Duration> timeout() {
                return null;
            }
        };
        ExitAction throwing = new ExitAction() {
            @Override
            public void run(ExitContext context) {
            }

            @Override
            public int phase() {
                throw new IllegalStateException("no phase for you");
            }
        };

        ExitConfigurationException e = installFails(nullName, nullAfter, throwing);

        assertEquals(List.of(
                "exit action " + nullName.getClass().getName() + " (test) has a blank name(): [ ];"
                        + " give it a name unique among the exit actions",
                "exit action [null-after] (test): after() returned null; return Set.of() for none",
                "exit action [null-after] (test): timeout() returned null; return Optional.empty() for the default",
                "exit action [" + throwing.getClass().getName() + "] (test): phase() threw"
                        + " java.lang.IllegalStateException: no phase for you"), e.problems());
    }

    @Test
    void afterNamingAnAbsentActionIsOnlyAWarning() {
        ExitGuard guard = Guards.isolated(terminator).action(noop("lonely", 0, "optional-provider")).build();

        assertEquals(List.of("exit action [lonely] is after [optional-provider], which is not registered;"
                + " that ordering is ignored until it is"), guard.warnings());
    }

    /** The same actions give the same words in the same order, in every JVM. */
    @Test
    void warningsAndProblemsOfOneActionComeInTheOrderOfTheNames() {
        String[] absent = {"j", "i", "h", "g", "f", "e", "d", "c", "b", "a"};
        ExitGuard guard = Guards.isolated(terminator).action(noop("waits", 0, absent)).build();
        ExitConfigurationException e = installFails(noop("early", ExitPhase.DRAIN, "late-b", "late-a", "late-c"),
                noop("late-a", ExitPhase.RELEASE), noop("late-b", ExitPhase.RELEASE), noop("late-c", ExitPhase.RELEASE));

        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), guard.warnings().stream()
                .map(w -> w.substring("exit action [waits] is after [".length(), w.indexOf(']', 30))).toList());
        assertEquals(List.of("[late-a]", "[late-b]", "[late-c]"), e.problems().stream()
                .map(p -> p.substring(p.indexOf("is after ") + 9, p.indexOf(", which"))).toList());
    }

    @Test
    void registrationIsValidatedAgainstWhatIsThere() {
        ExitGuard guard = Guards.isolated(terminator)
                .action(noop("a", 0, "b"))
                .action(noop("early", ExitPhase.DRAIN, "late"))
                .build();

        ExitConfigurationException cycle = assertThrows(ExitConfigurationException.class,
                () -> guard.register(noop("b", 0, "a")));
        ExitConfigurationException duplicate = assertThrows(ExitConfigurationException.class,
                () -> guard.register(noop("a", 0)));
        ExitConfigurationException laterPhase = assertThrows(ExitConfigurationException.class,
                () -> guard.register(noop("late", ExitPhase.TELEMETRY)));

        assertEquals(List.of("cycle among exit actions: [b] -> [a] -> [b] (each is after() the next)"),
                cycle.problems());
        assertTrue(cycle.getMessage().startsWith("cannot register exit action [b]: 1 problem"), cycle.getMessage());
        assertTrue(duplicate.problems().get(0).startsWith("duplicate exit action name [a]"), duplicate::getMessage);
        assertEquals(List.of("exit action [early] (phase DRAIN) is after [late], which runs in a later phase"
                + " (TELEMETRY); an action can only wait for its own phase or an earlier one"), laterPhase.problems());
        assertEquals(Set.of("a", "early"), Set.copyOf(guard.actionNames()));
    }

    @Test
    void aValidChainOfTenThousandIsAcceptedWithoutOverflowingTheStack() {
        ExitGuard.Builder builder = Guards.isolated(terminator);
        for (int i = 0; i < 10_000; i++) {
            builder.action(i == 0 ? noop("n0", 0) : noop("n" + i, 0, "n" + (i - 1)));
        }
        builder.action(noop("n0-again", 0, "n9999"));

        assertEquals(10_001, builder.build().actionNames().size());
    }

    @Test
    void aCycleOfTenThousandIsFound() {
        ExitGuard.Builder builder = Guards.isolated(terminator);
        for (int i = 0; i < 10_000; i++) {
            builder.action(noop(String.format("n%05d", i), 0, String.format("n%05d", (i + 1) % 10_000)));
        }

        ExitConfigurationException e = assertThrows(ExitConfigurationException.class, builder::build);

        String expected = IntStream.range(0, 10_001).mapToObj(i -> String.format("[n%05d]", i % 10_000))
                .collect(Collectors.joining(" -> ", "cycle among exit actions: ", " (each is after() the next)"));
        assertEquals(List.of(expected), e.problems());
    }

    /**
     * Registering one action costs about its own edges, not the set already there. Counted as the
     * actions the cycle search looks at (not timed): for a chain of 10,000 registered in its order,
     * none; in reverse, none; evens first then odds, two each; in a random order, about
     * {@code n log n} in all, as each registration joins two runs of the chain and the search
     * stops when the shorter is done. Searching the set on every registration, as a return to
     * quadratic cost would, looks at some 50 million (n squared over 2).
     */
    @Test
    void registeringAlongAChainLooksAtAFewActionsEachNotAtTheChain() {
        int n = 10_000;
        List<Integer> inOrder = IntStream.range(0, n).boxed().toList();
        List<Integer> reverse = IntStream.range(0, n).map(i -> n - 1 - i).boxed().toList();
        List<Integer> evensThenOdds = IntStream.concat(IntStream.range(0, n).filter(i -> i % 2 == 0),
                IntStream.range(0, n).filter(i -> i % 2 == 1)).boxed().toList();
        List<Integer> random = new java.util.ArrayList<>(inOrder);
        java.util.Collections.shuffle(random, new java.util.Random(20_250_607L));

        assertEquals(0, lookedAtRegistering(inOrder));
        assertEquals(0, lookedAtRegistering(reverse));
        assertTrue(lookedAtRegistering(evensThenOdds) <= 2 * n, () -> "evens then odds");
        long randomly = lookedAtRegistering(random);
        // n log2 n is about 133,000 here: a generous bound that a quadratic search would exceed 150 times over.
        assertTrue(randomly <= 2L * n * 14, () -> "a random order looked at " + randomly);
    }

    /** Registers {@code c<i>} after {@code c<i-1>} in this order, as the guard does; returns the actions the search looked at. */
    private static long lookedAtRegistering(List<Integer> order) {
        Map<String, ActionEntry> present = new java.util.LinkedHashMap<>();
        Map<String, List<ActionEntry>> waitingFor = new java.util.HashMap<>();
        long looked = 0;
        for (int i : order) {
            ActionEntry entry = i == 0 ? entry("c0") : entry("c" + i, "c" + (i - 1));
            Problems problems = new Problems();
            looked += Validation.checkAddition(entry, present, waitingFor, problems, new java.util.ArrayList<>());
            assertEquals(List.of(), problems.messages());
            present.put(entry.name(), entry);
            for (String target : entry.after()) {
                waitingFor.computeIfAbsent(target, t -> new java.util.ArrayList<>()).add(entry);
            }
        }
        return looked;
    }

    /** The search from both ends finds a cycle that only a long way round closes, and names it. */
    @Test
    void aCycleClosedByTheLastLinkOfALongChainIsFoundAndNamed() {
        ExitGuard guard = Guards.isolated(terminator).build();
        for (int i = 1; i < 1_000; i++) {
            guard.register(noop(String.format("c%04d", i), 0, String.format("c%04d", i - 1)));
        }

        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> guard.register(noop("c0000", 0, "c0999")));

        // Each is after() the next: c0000 after c0999, c0999 after c0998, ... c0001 after c0000.
        String expected = IntStream.rangeClosed(0, 1_000).mapToObj(i -> String.format("[c%04d]", (1_000 - i) % 1_000))
                .collect(Collectors.joining(" -> ", "cycle among exit actions: ", " (each is after() the next)"));
        assertTrue(e.problems().equals(List.of(expected)), () -> "not the whole cycle: " + e.problems().get(0)
                .substring(0, Math.min(300, e.problems().get(0).length())));
    }

    @Test
    void anActionAfterItselfIsACycleOfOne() {
        ExitGuard guard = Guards.isolated(terminator).action(noop("b", 0, "a")).build();

        ExitConfigurationException e = assertThrows(ExitConfigurationException.class,
                () -> guard.register(noop("a", 0, "a")));

        assertEquals(List.of("cycle among exit actions: [a] -> [a] (each is after() the next)"), e.problems());
    }

    @Test
    void cyclesAreFoundOnlyAmongPresentActions() {
        Map<String, ActionEntry> byName = Map.of(
                "a", entry("a", "b"), "b", entry("b", "missing"));

        assertTrue(Validation.cycles(byName).isEmpty());
    }

    private static ActionEntry entry(String name, String... after) {
        return new ActionEntry(noop(name, 0, after), name, 0, Set.of(after), Optional.empty(), "test");
    }
}
