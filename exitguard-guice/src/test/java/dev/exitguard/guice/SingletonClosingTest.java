package dev.exitguard.guice;

import static dev.exitguard.testkit.Bounds.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Uninterruptibles;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** With closeSingletons, the AutoCloseable singletons Guice created close in RELEASE, newest first. */
class SingletonClosingTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);
    private static final String PREFIX = SingletonClosingTest.class.getName() + "$";

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

    /** The row of the closing action. */
    private static ActionReport row(ExitReport report) {
        return report.action(SingletonClosing.NAME).orElseThrow(() -> new AssertionError(report.toTable()));
    }

    private List<String> closes() {
        return events.list().stream().filter(e -> e.startsWith("close ")).toList();
    }

    @Test
    void eagerSingletonsCloseInReleaseNewestFirstInOneActionWhoseRowNamesEach() {
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
        assertEquals(List.of("drain", SingletonClosing.NAME, "flush-metrics"),
                report.actions().stream().map(ActionReport::name).toList());
        ActionReport row = row(report);
        assertEquals(ExitPhase.RELEASE, row.phase());
        assertEquals(Outcome.SUCCEEDED, row.outcome());
        assertEquals(Map.of("closed", 3L, "failed", 0L, "open", 0L, PREFIX + "Journal", "closed",
                PREFIX + "Cache", "closed", PREFIX + "Database", "closed"), row.facts());
        assertEquals(List.of("closed", "failed", "open", PREFIX + "Journal", PREFIX + "Cache", PREFIX + "Database"),
                List.copyOf(row.facts().keySet()), "the singletons in the order of closing");
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void theOrderHoldsWhetherTheGuardIsCreatedBeforeOrAfterTheSingletons() {
        // The module list puts the application's eager singletons first, so that Guice creates them
        // before the guard.
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
    void singletonsCreatedAfterTheInjectorAreClosedInTheirPlace() {
        Injector injector = injector(Stage.DEVELOPMENT, new AbstractModule() {
            @Override
            protected void configure() {
                bind(Database.class).asEagerSingleton();
            }
        });
        ExitGuard guard = injector.getInstance(ExitGuard.class);
        assertEquals(List.of(SingletonClosing.NAME), guard.actionNames(), "one action, whatever the singletons");

        injector.getInstance(Cache.class);
        injector.getInstance(Broken.class);
        injector.getInstance(Journal.class);
        ExitReport report = guard.runActions(TERM);

        assertEquals(List.of("close journal", "close broken (throws)", "close cache", "close database"), closes());
        assertEquals(List.of(SingletonClosing.NAME), report.actions().stream().map(ActionReport::name).toList());
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

        assertEquals(List.of("close cache", "close broken (throws)", "close database"), closes());
        ActionReport row = row(report);
        assertEquals(Outcome.FAILED, row.outcome());
        assertEquals(Optional.of("java.lang.Exception: 1 of 3 singletons failed to close: " + PREFIX
                + "Broken (java.io.IOException: disk gone)"), row.error());
        assertEquals("failed: java.io.IOException: disk gone", row.facts().get(PREFIX + "Broken"));
        assertEquals("closed", row.facts().get(PREFIX + "Cache"));
        assertEquals("closed", row.facts().get(PREFIX + "Database"));
        assertEquals(List.of(2L, 1L, 0L), List.of(row.number("closed").orElseThrow(), row.number("failed").orElseThrow(),
                row.number("open").orElseThrow()));
    }

    /** Lets the {@link Stuck} singleton's close return. */
    private static final CountDownLatch UNSTICK = new CountDownLatch(1);

    /** A close that ignores interrupts and returns only once the test lets it. */
    @Singleton
    static final class Stuck extends Resource {
        @Inject
        Stuck(Events events, Cache cache) {
            super(events, "stuck");
        }

        @Override
        public void close() {
            events.add("close stuck (hangs)");
            Uninterruptibles.awaitUninterruptibly(UNSTICK);
        }
    }

    @Test
    void aCloseThatHangsEndsWithTheActionsTimeAndTheRowNamesItAndWhatWasLeftOpen() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, events(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(Stuck.class);
            }
        }, Modules.isolated().closeSingletons(true)
                // Short, so that the hung close is given up on quickly; its outcome, not how long it took, is asserted.
                .customize(builder -> builder.actionTimeout(Duration.ofMillis(300))).build());

        ExitReport report;
        try {
            report = injector.getInstance(ExitGuard.class).runActions(TERM);
        } finally {
            UNSTICK.countDown();
        }

        ActionReport row = row(report);
        assertEquals(Outcome.TIMED_OUT, row.outcome(), report::toTable);
        assertTrue(row.stack().orElseThrow().contains("Stuck.close"), row.stack()::toString);
        assertEquals("closing", row.facts().get(PREFIX + "Stuck"));
        assertEquals("open", row.facts().get(PREFIX + "Cache"));
        assertEquals("open", row.facts().get(PREFIX + "Database"));
        assertEquals(List.of(0L, 0L, 3L), List.of(row.number("closed").orElseThrow(), row.number("failed").orElseThrow(),
                row.number("open").orElseThrow()));
        assertEquals(List.of("close stuck (hangs)"), closes());
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
        assertEquals(1L, row(report).number("closed").orElseThrow());
    }

    @Test
    void singletonsAreNamedByTheirKeysAnnotationsIncluded() {
        Injector injector = injector(Stage.PRODUCTION, new AbstractModule() {
            @Provides
            @Singleton
            @Named("primary")
            Database primary(Events events) {
                return new Database(events);
            }

            @Override
            protected void configure() {
                bind(Database.class);
            }
        });

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(List.of(PREFIX + "Database", PREFIX + "Database @com.google.inject.name.Named(\"primary\")"),
                row(report).facts().keySet().stream().filter(name -> name.startsWith(PREFIX)).sorted().toList());
        assertEquals(List.of("close database", "close database"), closes());
        assertTrue(report.allSucceeded(), report::toTable);
    }

    /** A singleton of its own key for each of {@code count} names. */
    private static Module numbered(Events events, int count) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                for (int i = 0; i < count; i++) {
                    String label = "r" + i;
                    bind(AutoCloseable.class).annotatedWith(Names.named(label)).toProvider(
                            () -> () -> events.add("close " + label)).asEagerSingleton();
                }
            }
        };
    }

    @Test
    void aRowNamesTheFirstSingletonsAndCountsTheRest() {
        int count = SingletonClosing.LISTED + 5;
        Injector injector = injector(Stage.PRODUCTION, numbered(events, count));

        ExitReport report = injector.getInstance(ExitGuard.class).runActions(TERM);

        assertEquals(count, closes().size());
        assertEquals("close r" + (count - 1), closes().get(0));
        assertEquals("close r0", closes().get(count - 1));
        ActionReport row = row(report);
        assertEquals(32, row.facts().size(), "as many as a row holds");
        assertEquals(count, row.number("closed").orElseThrow());
        assertEquals("closed", row.facts().get("java.lang.AutoCloseable @com.google.inject.name.Named(\"r" + (count - 1)
                + "\")"));
        assertFalse(row.facts().containsKey("java.lang.AutoCloseable @com.google.inject.name.Named(\"r0\")"),
                "the oldest are counted, not named");
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
    void aSingletonCreatedDuringTheExitBeforeTheClosingStartsIsClosedFirst() {
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
        assertTrue(report.allSucceeded(), report::toTable);
    }

    @Test
    void aSingletonCreatedAfterTheClosingStartedIsLeftOpenWithAWarningNamingIt() {
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

        List<String> warnings;
        try (Warnings recorded = Warnings.record()) {
            guard.runActions(TERM);
            warnings = recorded.messages();
        }

        assertEquals(List.of("create database", "create cache", "close cache", "close database", "create journal"),
                events.list());
        assertEquals(List.of("singleton " + PREFIX + "Journal (Guice singleton bound at "
                + PREFIX + "Journal) was created after the closing of singletons began;"
                + " it is left open, as closing it now would close it after what it depends on"), warnings);
    }

    @RepeatedTest(20)
    void singletonsCreatedWhileTheClosingStartsAreEachClosedOnceInOrderOrLeftOpenAndNamed() throws Exception {
        SingletonClosing closing = new SingletonClosing();
        ExitGuard guard = ExitGuard.builder().discoverActions(false).discoverTriggers(false)
                .action(closing.action(SingletonClosing.NAME)).build();
        List<Integer> closed = new CopyOnWriteArrayList<>();
        int count = 500;
        CountDownLatch go = new CountDownLatch(1);
        Thread creator = new Thread(() -> {
            Uninterruptibles.awaitUninterruptibly(go);
            for (int i = 0; i < count; i++) {
                int index = i;
                closing.created(() -> closed.add(index), "r" + index, "the test");
            }
        }, "test-creator");
        ExitReport report;
        List<String> warnings;
        try (Warnings recorded = Warnings.record()) {
            creator.start();
            go.countDown();
            report = guard.runActions(TERM);
            creator.join(PATIENCE.toMillis());
            warnings = recorded.messages();
        }

        assertFalse(creator.isAlive());
        int taken = closed.size();
        List<Integer> newestFirst = new ArrayList<>();
        for (int i = taken - 1; i >= 0; i--) {
            newestFirst.add(i);
        }
        assertEquals(newestFirst, closed, "the singletons created before the closing, each once, newest first");
        assertEquals(count - taken, warnings.size(), warnings::toString);
        for (int i = taken; i < count; i++) {
            assertTrue(warnings.get(i - taken).startsWith("singleton r" + i + " (the test) was created after the"
                    + " closing of singletons began"), warnings.get(i - taken));
        }
        assertEquals(taken, row(report).number("closed").orElseThrow());
        assertTrue(report.allSucceeded(), report::toTable);
    }
}
