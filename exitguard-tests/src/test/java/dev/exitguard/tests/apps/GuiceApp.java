package dev.exitguard.tests.apps;

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
import dev.exitguard.guice.ExitGuardModule;
import dev.exitguard.testkit.InChild;
import jakarta.inject.Inject;

/**
 * A Guice application guarded by {@link ExitGuardModule}, with the real signal trigger: two
 * actions bound with the module's Multibinder, whose dependencies Guice injects
 * ({@code stop-intake} in STOP_INTAKE, {@code flush-journal} in DEFAULT), one more in TELEMETRY
 * ({@code publish-metrics}), and whatever ServiceLoader finds (the scenario puts
 * {@code providers/guice}, with {@code drain-queue} in DRAIN, on the class path). Four
 * {@link AutoCloseable} singletons record their creation and their close: {@code database},
 * {@code cache} (needs the database) and {@code journal} (needs the cache), created with the
 * injector, and {@code search} (needs the database), created after it. With
 * {@code app.closeSingletons=true} the module closes them. With {@code app.installFirst=true},
 * {@code main} installs a guard with {@link ExitGuard#install()} before creating the injector, which
 * then joins it. It waits for a signal; with {@code app.then=exit} it calls the injected guard's
 * {@link ExitGuard#exit(int) exit(3)} instead.
 */
public final class GuiceApp {

    private GuiceApp() {
    }

    /** Records {@code create <label>} when made and {@code close <label>} when closed. */
    abstract static class Resource implements AutoCloseable {
        final String label;

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
        @Inject
        Journal(Cache cache) {
            super("journal");
        }
    }

    @Singleton
    static final class Search extends Resource {
        @Inject
        Search(Database database) {
            super("search");
        }
    }

    /** Not closeable: never closed, whatever the setting. */
    @Singleton
    static final class Metrics {
        final String endpoint = "udp://metrics:8125";

        @Inject
        Metrics() {
        }
    }

    /** Records {@code start <name>}, what it was given, and {@code end <name>}. */
    private abstract static class Recording implements ExitAction {
        private final String name;
        private final int phase;

        Recording(String name, int phase) {
            this.name = name;
            this.phase = phase;
        }

        @Override
        public void run(ExitContext context) {
            record("start " + name);
            record(name + " was given " + given());
            record("end " + name);
        }

        abstract String given();

        @Override
        public String name() {
            return name;
        }

        @Override
        public int phase() {
            return phase;
        }
    }

    static final class StopIntake extends Recording {
        private final String service;
        private final Journal journal;

        @Inject
        StopIntake(@Named("service") String service, Journal journal) {
            super("stop-intake", ExitPhase.STOP_INTAKE);
            this.service = service;
            this.journal = journal;
        }

        @Override
        String given() {
            return service + " and " + journal.label;
        }
    }

    static final class FlushJournal extends Recording {
        private final Journal journal;

        @Inject
        FlushJournal(Journal journal) {
            super("flush-journal", ExitPhase.DEFAULT);
            this.journal = journal;
        }

        @Override
        String given() {
            return journal.label;
        }
    }

    static final class PublishMetrics extends Recording {
        private final Metrics metrics;

        @Inject
        PublishMetrics(Metrics metrics) {
            super("publish-metrics", ExitPhase.TELEMETRY);
            this.metrics = metrics;
        }

        @Override
        String given() {
            return metrics.endpoint;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (Boolean.getBoolean("app.installFirst")) {
            // As main() does before the application's injector exists: the injector joins this guard.
            record("installed by main: " + ExitGuard.install());
        }
        Injector injector = Guice.createInjector(
                ExitGuardModule.builder().closeSingletons(Boolean.getBoolean("app.closeSingletons")).build(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bindConstant().annotatedWith(Names.named("service")).to("orders");
                        ExitGuardModule.actions(binder()).addBinding().to(PublishMetrics.class);
                        ExitGuardModule.actions(binder()).addBinding().to(FlushJournal.class);
                        ExitGuardModule.actions(binder()).addBinding().to(StopIntake.class);
                    }
                });
        injector.getInstance(Search.class);
        InChild.ready();
        if ("exit".equals(System.getProperty("app.then"))) {
            injector.getInstance(ExitGuard.class).exit(3);
        }
        InChild.waitForever();
    }
}
