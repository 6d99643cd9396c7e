package dev.exitguard.guice;

import static dev.exitguard.testkit.InChild.record;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * The program {@link ChildJvmTest} runs in a JVM of its own: an injector with
 * {@link ExitGuardModule} (singletons closed), two multibound actions with injected dependencies,
 * the {@link ServiceLoadedAction}, and four closeable singletons, one of them created after the
 * injector. Records what happens as events for the test to read, says it is ready, then waits for
 * SIGTERM; with the argument {@code exit} it calls {@link ExitGuard#exit(int) exit(3)} instead.
 */
public final class ChildMain {

    private ChildMain() {
    }

    /** Prints its creation and its close. */
    abstract static class Resource implements AutoCloseable {
        private final String label;

        Resource(String label) {
            this.label = label;
            record("create " + label);
        }

        @Override
        public void close() {
            record("close " + label);
        }
    }

    @Singleton
    static final class Database extends Resource {
        final String url = "jdbc:orders";

        @Inject
        Database() {
            super("database");
        }
    }

    @Singleton
    static final class Cache extends Resource {
        @Inject
        Cache(Database database) {
            super("cache");
        }
    }

    @Singleton
    static final class Journal extends Resource {
        final String id = "journal-7";

        @Inject
        Journal(Cache cache) {
            super("journal");
        }
    }

    /** Created after the injector, on first use. */
    @Singleton
    static final class SearchIndex extends Resource {
        @Inject
        SearchIndex(Database database) {
            super("search-index");
        }
    }

    static final class StopIntake implements ExitAction {
        private final String service;
        private final Journal journal;

        @Inject
        StopIntake(@Named("service") String service, Journal journal) {
            this.service = service;
            this.journal = journal;
        }

        @Override
        public void run(ExitContext context) {
            record("stop-intake service=" + service + " journal=" + journal.id + " reason=" + context.reason().detail());
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

    static final class DrainRequests implements ExitAction {
        private final Provider<Database> database;

        @Inject
        DrainRequests(Provider<Database> database) {
            this.database = database;
        }

        @Override
        public void run(ExitContext context) {
            record("drain database=" + database.get().url);
        }

        @Override
        public String name() {
            return "drain-requests";
        }

        @Override
        public int phase() {
            return ExitPhase.DRAIN;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Injector injector = Guice.createInjector(ExitGuardModule.builder().closeSingletons(true).build(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bindConstant().annotatedWith(Names.named("service")).to("orders");
                        ExitGuardModule.actions(binder()).addBinding().to(DrainRequests.class);
                        ExitGuardModule.actions(binder()).addBinding().to(StopIntake.class);
                    }
                });
        injector.getInstance(SearchIndex.class);
        InChild.ready();
        if (args.length > 0 && args[0].equals("exit")) {
            injector.getInstance(ExitGuard.class).exit(3);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
