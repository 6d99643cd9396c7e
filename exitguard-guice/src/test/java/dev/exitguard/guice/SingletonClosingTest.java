package dev.exitguard.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitReport;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With closeSingletons, the AutoCloseable singletons Guice created close in RELEASE, newest first. */
class SingletonClosingTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);
    private static final String PREFIX = "close " + SingletonClosingTest.class.getName() + "$";

    private final Events events = new Events();

    /** Records its creation and its close. */
    abstract static class Resource implements AutoCloseable {
        final Events events;
        private final String label;

        Resource(Events events, String label) {
            this.events = events;
            this.label = label;
            events.add("create " + label);
        }

        @Override
        public void close() throws IOException {
            events.add("close " + label);
        }
    }

    @Singleton
    static final class Database extends Resource {
        @Inject
        Database(Events events) {
            super(events, "database");
        }
    }

    @Singleton
    static final class Cache extends Resource {
        @Inject
        Cache(Events events, Database database) {
            super(events, "cache");
        }
    }

    @Singleton
    static final class Journal extends Resource {
        @Inject
        Journal(Events events, Cache cache) {
            super(events, "journal");
        }
    }

    /** Not a singleton: a new one each time, never closed by exitguard. */
    static final class Session extends Resource {
        @Inject
        Session(Events events) {
            super(events, "session");
        }
    }

    @Singleton
    static final class NeverUsed extends Resource {
        @Inject
        NeverUsed(Events events) {
            super(events, "never-used");
        }
    }

    @Singleton
    static final class Broken extends Resource {
        @Inject
        Broken(Events events, Database database) {
            super(events, "broken");
        }

        @Override
        public void close() throws IOException {
            events.add("close broken (throws)");
            throw new IOException("disk gone");
        }
    }

    /** A singleton that is not AutoCloseable. */
    @Singleton
    static final class Plain {
        @Inject
        Plain(Database database) {
        }
    }

    private Module events() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(Events.class).toInstance(events);
            }
        };
    }

    private Injector injector(Stage stage, Module... modules) {
        return Guice.createInjector(stage, List.of(Modules.isolated().closeSingletons(true).build(), events(),
                com.google.inject.util.Modules.combine(modules)));
    }

    private static List<String> closers(ExitReport report) {
        return report.actions().stream().filter(a -> a.name().startsWith("close ")).map(ActionReport::name).toList();
    }

    private List<String> closes() {
        return events.list().stream().filter(e -> e.startsWith("close ")).toList();
    }

    @Test
    void eagerSingletonsCloseInReleaseNewestFirstEachAsANamedAction() {
        Injector injector = injector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                bind(Journal.class);
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("drain")
                        .phase(ExitPhase.DRAIN).run(context -> events.add("drain")));
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("flush-metrics")
                        .phase(ExitPhase.TELEMETRY).run(context -> events.add("flush metrics")));
            }
        });
        assertEquals(List.of("create database", "create cache", "create journal"), events.list());

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of("create database", "create cache", "create journal", "drain",
                "close journal", "close cache", "close database", "flush metrics"), events.list());
        assertEquals(List.of("drain", PREFIX + "Journal", PREFIX + "Cache", PREFIX + "Database", "flush-metrics"),
                report.actions().stream().map(ActionReport::name).toList());
        for (String closer : closers(report)) {
            assertEquals(ExitPhase.RELEASE, report.action(closer).orElseThrow().phase(), closer);
        }
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void theOrderHoldsWhetherTheGuardIsCreatedBeforeOrAfterTheSingletons() {
        // The module list puts the application's eager singletons first, so that Guice creates them
        // before the guard: they wait for it and are registered together.
        Injector injector = Guice.createInjector(Stage.PRODUCTION, events(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Journal.class).asEagerSingleton();
            }
        }, Modules.isolated().closeSingletons(true).build());

        injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of("close journal", "close cache", "close database"), closes());
    }

    @Test
    void singletonsCreatedAfterTheInjectorAreRegisteredWhenCreated() {
        Injector injector = injector(Stage.DEVELOPMENT, new AbstractModule() {
            @Override
            protected void configure() {
                bind(Database.class).asEagerSingleton();
            }
        });
        ExitGuard guard = injector.getInstance(ExitGuard.class);
        assertEquals(List.of(PREFIX + "Database"), guard.actionNames());

        injector.getInstance(Cache.class);
        injector.getInstance(Broken.class);
        injector.getInstance(Journal.class);
        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of(PREFIX + "Journal", PREFIX + "Broken", PREFIX + "Cache", PREFIX + "Database"),
                closers(report));
        assertEquals(List.of("close journal", "close broken (throws)", "close cache", "close database"), closes());
    }

    @Test
    void aCloseThatThrowsIsReportedAndTheOthersStillClose() {
        Injector injector = injector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                bind(Broken.class);
                bind(Cache.class);
            }
        });

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        ActionReport broken = report.action(PREFIX + "Broken").orElseThrow();
        assertEquals(Outcome.FAILED, broken.outcome());
        assertEquals(Optional.of("java.io.IOException: disk gone"), broken.error());
        assertEquals(Optional.of(Outcome.SUCCEEDED), report.outcome(PREFIX + "Cache"));
        assertEquals(Optional.of(Outcome.SUCCEEDED), report.outcome(PREFIX + "Database"));
        assertTrue(closes().contains("close database") && closes().contains("close cache"), events::toString);
        assertEquals("close database", closes().get(closes().size() - 1), "the database outlives what uses it");
    }

    @Test
    void onlySingletonsGuiceCreatedAreClosedAndNothingIsCreatedAtExit() throws Exception {
        Resource bound = new Resource(events, "bound-instance") { };
        Injector injector = injector(Stage.DEVELOPMENT, new AbstractModule() {
            @Override
            protected void configure() {
                bind(Resource.class).annotatedWith(Names.named("instance")).toInstance(bound);
                bind(NeverUsed.class);
            }
        });
        injector.getInstance(Session.class);
        injector.getInstance(Session.class);
        injector.getInstance(Plain.class);

        injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of("create bound-instance", "create session", "create session", "create database",
                "close database"), events.list());
    }

    @Test
    void oneObjectUnderTwoSingletonKeysIsClosedOnce() {
        Injector injector = injector(Stage.PRODUCTION, new AbstractModule() {
            @Override
            protected void configure() {
                bind(AutoCloseable.class).annotatedWith(Names.named("store")).to(Database.class).in(Singleton.class);
                bind(Database.class);
            }
        });

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of("close database"), closes());
        assertEquals(List.of(PREFIX + "Database"), closers(report));
    }

    @Test
    void closersAreNamedAfterTheirKeysAndStayUnique() {
        Injector injector = injector(Stage.PRODUCTION, new AbstractModule() {
            @Provides
            @Singleton
            @Named("primary")
            Database primary(Events events) {
                return new Database(events);
            }

            @Override
            protected void configure() {
                // An action of the application that happens to take the name a closer would get.
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named(PREFIX + "Database")
                        .run(context -> events.add("the application's own action")));
                bind(Database.class);
            }
        });

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of(PREFIX + "Database", PREFIX + "Database #2",
                PREFIX + "Database @com.google.inject.name.Named(\"primary\")"), closers(report).stream().sorted().toList());
        assertEquals(List.of("the application's own action", "close database", "close database"),
                events.list().stream().filter(e -> !e.startsWith("create")).toList());
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void closingIsOffByDefault() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, Modules.isolated().build(), events(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Journal.class);
                    }
                });

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of(), report.actions());
        assertEquals(List.of(), closes());
    }

    /** Reaches the journal for the first time during the exit, through a provider. */
    static final class LateUser {
        final Provider<Journal> journal;

        @Inject
        LateUser(Provider<Journal> journal) {
            this.journal = journal;
        }
    }

    @Test
    void aSingletonCreatedDuringTheExitIsClosedBeforeTheOlderOnes() {
        Injector injector = injector(Stage.DEVELOPMENT, new AbstractModule() {
            @Override
            protected void configure() {
                bind(Cache.class).asEagerSingleton();
            }
        });
        LateUser user = injector.getInstance(LateUser.class);
        ExitGuard guard = injector.getInstance(ExitGuard.class);
        guard.register(ExitActions.named("drain").phase(ExitPhase.DRAIN).run(context -> user.journal.get()), "test");

        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("create database", "create cache", "create journal",
                "close journal", "close cache", "close database"), events.list());
        assertFalse(report.action(PREFIX + "Journal").isPresent(), "registered after the exit began");
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void aSingletonCreatedAfterTheClosersRanIsLeftOpen() {
        Injector injector = injector(Stage.DEVELOPMENT, new AbstractModule() {
            @Override
            protected void configure() {
                bind(Cache.class).asEagerSingleton();
            }
        });
        LateUser user = injector.getInstance(LateUser.class);
        ExitGuard guard = injector.getInstance(ExitGuard.class);
        guard.register(ExitActions.named("telemetry").phase(ExitPhase.TELEMETRY).run(context -> user.journal.get()),
                "test");

        guard.runActions(TERM);

        assertEquals(List.of("create database", "create cache", "close cache", "close database", "create journal"),
                events.list());
    }
}
