package dev.exitguard.demo;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.exitguard.guice.ExitGuardModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The service's objects, and its exit actions contributed to {@link ExitGuardModule}. */
final class DemoModule extends AbstractModule {

    private final DemoOptions options;
    private final Path journal;
    private final DemoSummary summary;

    DemoModule(DemoOptions options, Path journal, DemoSummary summary) {
        this.options = options;
        this.journal = journal;
        this.summary = summary;
    }

    @Override
    protected void configure() {
        bind(DemoOptions.class).toInstance(options);
        bind(DemoSummary.class).toInstance(summary);
        ExitGuardModule.actions(binder()).addBinding().to(DemoActions.StopIntake.class);
        ExitGuardModule.actions(binder()).addBinding().to(DemoActions.DrainOrders.class);
        ExitGuardModule.actions(binder()).addBinding().to(DemoActions.StopFlusher.class);
        ExitGuardModule.actions(binder()).addBinding().to(DemoActions.FlushJournal.class);
        ExitGuardModule.actions(binder()).addBinding().to(DemoActions.FinalCounts.class);
    }

    @Provides
    @Singleton
    Journal journal() {
        try {
            return new Journal(journal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + journal, e);
        }
    }

    @Provides
    @Singleton
    OrderBuffer buffer(Journal journal) {
        return new OrderBuffer(journal);
    }

    @Provides
    @Singleton
    Flusher flusher(OrderBuffer buffer) {
        return new Flusher(buffer, options.flushEvery().toMillis());
    }

    @Provides
    @Singleton
    OrderService service(OrderBuffer buffer) {
        try {
            return new OrderService(options.port(), buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), e);
        }
    }
}
