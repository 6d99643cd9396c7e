package dev.exitguard.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.google.common.testing.NullPointerTester;
import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitReport;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.core.ProcessTerminator;
import dev.exitguard.testkit.JsonReader;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module binds the guard, gathers the multibound actions with their dependencies, and fails as Guice does. */
class ExitGuardModuleTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private final Events events = new Events();

    /** A dependency of the actions, so that a test sees it was injected. */
    @Singleton
    static final class Journal {
        final String id;

        @Inject
        Journal(@Named("journal") String id) {
            this.id = id;
        }
    }

    static final class StopIntake implements ExitAction {
        private final Events events;

        @Inject
        StopIntake(Events events) {
            this.events = events;
        }

        @Override
        public void run(ExitContext context) {
            events.add("stop intake");
        }

        @Override
        public String name() {
            return "stop-intake";
        }

        @Override
        public int phase() {
            return ExitPhase.STOP_INTAKE;
        }
    }

    static final class FlushJournal implements ExitAction {
        private final Events events;
        private final Journal journal;

        @Inject
        FlushJournal(Events events, Journal journal) {
            this.events = events;
            this.journal = journal;
        }

        @Override
        public void run(ExitContext context) {
            events.add("flush " + journal.id);
        }

        @Override
        public String name() {
            return "flush-journal";
        }

        @Override
        public int phase() {
            return ExitPhase.DRAIN;
        }
    }

    /** Reaches its dependency through a provider, at exit. */
    static final class ReportCounts implements ExitAction {
        private final Events events;
        private final Provider<Journal> journal;

        @Inject
        ReportCounts(Events events, Provider<Journal> journal) {
            this.events = events;
            this.journal = journal;
        }

        @Override
        public void run(ExitContext context) {
            events.add("report " + journal.get().id);
        }

        @Override
        public String name() {
            return "report-counts";
        }

        @Override
        public int phase() {
            return ExitPhase.TELEMETRY;
        }
    }

    /** Bound as a singleton; counts its instances. */
    @Singleton
    static final class CountedAction implements ExitAction {
        static final AtomicInteger CREATED = new AtomicInteger();

        CountedAction() {
            CREATED.incrementAndGet();
        }

        @Override
        public void run(ExitContext context) {
        }

        @Override
        public String name() {
            return "counted";
        }
    }

    private AbstractModule base() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(Events.class).toInstance(events);
                bindConstant().annotatedWith(Names.named("journal")).to("journal-7");
            }
        };
    }

    private Injector injector(ExitGuardModule module, AbstractModule actions) {
        return Guice.createInjector(module, base(), actions);
    }

    private static List<String> names(ExitReport report) {
        return report.actions().stream().map(ExitReport.ActionReport::name).toList();
    }

    @Test
    void multiboundActionsRunWithTheirDependenciesInjectedInPhaseOrder() {
        Injector injector = injector(Modules.isolated().build(), new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().to(ReportCounts.class);
                ExitGuardModule.actions(binder()).addBinding().to(FlushJournal.class);
                ExitGuardModule.actions(binder()).addBinding().to(StopIntake.class);
            }
        });

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of("stop intake", "flush journal-7", "report journal-7"), events.list());
        assertEquals(List.of("stop-intake", "flush-journal", "report-counts"), names(report));
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void actionsMayComeFromTheMultibinderApiProvidesMethodsAndScopedBindings() {
        CountedAction.CREATED.set(0);
        Injector injector = injector(Modules.isolated().build(), new AbstractModule() {
            @Override
            protected void configure() {
                com.google.inject.multibindings.Multibinder.newSetBinder(binder(), ExitAction.class)
                        .addBinding().to(StopIntake.class);
                ExitGuardModule.actions(binder()).addBinding().to(CountedAction.class);
            }

            @ProvidesIntoSet
            ExitAction flushFromProvidesMethod(Journal journal, Events events) {
                return ExitActions.named("provided").run(context -> events.add("provided " + journal.id));
            }
        });

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of("stop-intake", "counted", "provided"), names(report));
        assertTrue(events.list().containsAll(List.of("stop intake", "provided journal-7")), events::toString);
        // The singleton action is the one instance Guice made, shared with everyone who injects it.
        assertSame(injector.getInstance(CountedAction.class), injector.getInstance(CountedAction.class));
        assertEquals(1, CountedAction.CREATED.get());
    }

    @Test
    void theGuardIsAnEagerSingletonCreatedWithTheInjector() {
        CountedAction.CREATED.set(0);
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.isolated().build(), new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().to(CountedAction.class);
            }
        });

        // Provisioned while the injector was created, before anyone asked for the guard.
        assertEquals(1, CountedAction.CREATED.get());
        ExitGuard guard = injector.getInstance(ExitGuard.class);
        assertSame(guard, injector.getInstance(ExitGuard.class));
        assertEquals(List.of("counted"), guard.actionNames());
    }

    static final class UsesTheGuard {
        final ExitGuard guard;

        @Inject
        UsesTheGuard(ExitGuard guard) {
            this.guard = guard;
        }
    }

    @Test
    void anInjectedGuardExitsRegistersAndTellsWhetherAnExitIsRunning() {
        ProcessTerminator terminator = mock(ProcessTerminator.class);
        ExitGuardModule module = Modules.isolated().customize(builder -> builder.terminator(terminator)).build();
        Injector injector = injector(module, new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().to(FlushJournal.class);
            }
        });
        ExitGuard guard = injector.getInstance(UsesTheGuard.class).guard;
        assertSame(injector.getInstance(ExitGuard.class), guard);
        assertFalse(guard.isExiting());

        guard.register(ExitActions.named("registered-later").run(context -> events.add("later")), "the test");
        guard.exit(3);

        assertTrue(guard.isExiting());
        assertEquals(List.of("flush journal-7", "later"), events.list());
        verify(terminator).exit(3);
        verifyNoMoreInteractions(terminator);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> guard.register(ExitActions.named("too-late").run(context -> { })));
        assertTrue(refused.getMessage().contains("the exit has already begun"), refused.getMessage());
    }

    /** Keeps what the exit told it. */
    static final class ContextAware implements ExitAction {
        final List<ExitContext> seen = new CopyOnWriteArrayList<>();
        final List<Duration> remaining = new CopyOnWriteArrayList<>();

        @Override
        public void run(ExitContext context) {
            seen.add(context);
            remaining.add(context.remaining());
        }

        @Override
        public String name() {
            return "context-aware";
        }
    }

    @Test
    void actionsAreToldWhyTheProcessExitsAndHowMuchTimeIsLeft() {
        ContextAware action = new ContextAware();
        Injector injector = injector(Modules.isolated().customize(builder -> builder.deadline(Duration.ofSeconds(40))).build(), new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().toInstance(action);
            }
        });
        Instant before = Instant.now();

        injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(1, action.seen.size());
        ExitContext context = action.seen.get(0);
        assertEquals(TERM, context.reason());
        assertTrue(!context.deadline().isBefore(before.plusSeconds(40)), () -> "deadline " + context.deadline());
        Duration remaining = action.remaining.get(0);
        assertTrue(remaining.compareTo(Duration.ZERO) > 0 && remaining.compareTo(Duration.ofSeconds(40)) <= 0,
                () -> "remaining " + remaining);
    }

    @Test
    void serviceLoaderActionsJoinTheMultiboundOnesUnlessTurnedOff() {
        AbstractModule actions = new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().to(StopIntake.class);
            }
        };

        ExitGuard discovering = injector(Modules.isolated().customize(builder -> builder.discoverActions(true)).build(),
                actions)
                .getInstance(ExitGuard.class);
        ExitGuard notDiscovering = injector(Modules.isolated().build(), actions).getInstance(ExitGuard.class);

        assertEquals(Set.of("stop-intake", ServiceLoadedAction.NAME), Set.copyOf(discovering.actionNames()));
        assertEquals(List.of("stop-intake"), notDiscovering.actionNames());
        ExitReport report = discovering.runActions(TERM);
        assertEquals(Optional.of(Outcome.SUCCEEDED), report.outcome(ServiceLoadedAction.NAME));
    }

    @Test
    void theCustomizersReachTheCoreBuilderInOrder(@TempDir Path directory) throws Exception {
        Path reportFile = directory.resolve("exit.json");
        List<ExitReport> reported = new CopyOnWriteArrayList<>();
        Injector injector = injector(Modules.isolated()
                .customize(builder -> builder.deadline(Duration.ofSeconds(99)).reportFile(reportFile))
                // Short, so that the blocked action below is given up on quickly; its outcome, not
                // how long it took, is what the test asserts.
                .customize(builder -> builder.deadline(Duration.ofSeconds(17)).actionTimeout(Duration.ofMillis(200)))
                .customize(builder -> builder.onReport(reported::add))
                .build(), new AbstractModule() {
                    @Override
                    protected void configure() {
                        ExitGuardModule.actions(binder()).addBinding().toInstance(
                                ExitActions.named("blocks").run(context -> Thread.sleep(Long.MAX_VALUE)));
                    }
                });
        ExitGuard guard = injector.getInstance(ExitGuard.class);

        ExitReport report = guard.runActions(TERM);

        assertEquals(Duration.ofSeconds(17), guard.deadline());
        assertEquals(Optional.of(Outcome.TIMED_OUT), report.outcome("blocks"));
        assertEquals(List.of(report), reported);
        Map<String, Object> json = JsonReader.object(JsonReader.read(Files.readString(reportFile)));
        Map<String, Object> blocks = JsonReader.object(JsonReader.array(json.get("actions")).get(0));
        assertEquals(List.of("blocks", "TIMED_OUT"), List.of(blocks.get("name"), blocks.get("outcome")), json::toString);
    }

    @Test
    void nullsAreRefusedByEveryPublicMethod() {
        NullPointerTester tester = new NullPointerTester();
        tester.testAllPublicStaticMethods(ExitGuardModule.class);
        tester.testAllPublicInstanceMethods(ExitGuardModule.builder());
        tester.testAllPublicInstanceMethods(new ExitGuardModule());
    }

    @Test
    void modulesWithEqualSettingsAreInstalledOnce() {
        ExitGuardModule first = Modules.isolated().closeSingletons(true).build();
        ExitGuardModule second = Modules.isolated().closeSingletons(true).build();
        assertEquals(first, second);
        assertEquals(first.hashCode(), second.hashCode());
        assertNotEquals(first, Modules.isolated().build());

        Injector injector = Guice.createInjector(first, second, base(), new AbstractModule() {
            @Override
            protected void configure() {
                install(Modules.isolated().closeSingletons(true).build());
                ExitGuardModule.actions(binder()).addBinding().to(StopIntake.class);
            }
        });

        assertEquals(Set.of("stop-intake", SingletonClosing.NAME),
                Set.copyOf(injector.getInstance(ExitGuard.class).actionNames()));
    }

    @Test
    void modulesWithDifferentSettingsClashAsGuiceBindingsDo() {
        CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(
                Modules.isolated().build(), Modules.isolated().closeSingletons(true).build()));
        assertTrue(e.getMessage().contains("ExitGuard was bound multiple times"), e::getMessage);
    }

    @Test
    void providesMethodsMayUseTheGuard() {
        Injector injector = injector(Modules.isolated().build(), new AbstractModule() {
            @Provides
            @Named("exiting")
            boolean exiting(ExitGuard guard) {
                return guard.isExiting();
            }
        });
        assertFalse(injector.getInstance(com.google.inject.Key.get(Boolean.class, Names.named("exiting"))));
    }
}
