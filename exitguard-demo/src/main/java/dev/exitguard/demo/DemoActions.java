package dev.exitguard.demo;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitActions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The demo's exit, phase by phase. The order is what keeps the promise that no acknowledged order
 * is lost: intake stops before the drain, the drain ends before the final flush, and the journal
 * closes (a closed singleton, in RELEASE) only after the flush has synced it.
 */
final class DemoActions {

    private DemoActions() {
    }

    /** STOP_INTAKE: readiness answers 503 and new orders are refused; then the optional pre-stop pause. */
    static final class StopIntake implements ExitAction {
        private final OrderService service;
        private final DemoOptions options;

        @Inject
        StopIntake(OrderService service, DemoOptions options) {
            this.service = service;
            this.options = options;
        }

        @Override
        public void run(ExitContext context) throws InterruptedException {
            service.stopIntake();
            long pause = Math.min(options.preStop().toMillis(), context.remaining().toMillis());
            if (pause > 0) {
                Thread.sleep(pause);
            }
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

    /**
     * DRAIN: the orders being taken when intake stopped are acknowledged (and so buffered). The
     * ready-made drain of exitguard's {@link dev.exitguard.core.InFlight}, here with the service
     * injected; its report row counts the orders it waited for.
     */
    static final class DrainOrders implements ExitAction {
        private final ExitAction drain;

        @Inject
        DrainOrders(OrderService service) {
            this.drain = ExitActions.drain(service.intake());
        }

        @Override
        public void run(ExitContext context) throws Exception {
            drain.run(context);
        }

        @Override
        public String name() {
            return drain.name();
        }

        @Override
        public int phase() {
            return drain.phase();
        }
    }

    /** DRAIN: the background flusher finishes its current write and stops, so the final flush is the last. */
    static final class StopFlusher implements ExitAction {
        private final Flusher flusher;

        @Inject
        StopFlusher(Flusher flusher) {
            this.flusher = flusher;
        }

        @Override
        public void run(ExitContext context) throws InterruptedException {
            flusher.executor().shutdown();
            if (!flusher.executor().awaitTermination(context.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("the background flusher did not stop");
            }
        }

        @Override
        public String name() {
            return "stop-flusher";
        }

        @Override
        public int phase() {
            return ExitPhase.DRAIN;
        }
    }

    /** DEFAULT: every buffered order goes to the journal, and the journal to the disk. */
    static final class FlushJournal implements ExitAction {
        private final OrderBuffer buffer;

        @Inject
        FlushJournal(OrderBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void run(ExitContext context) throws Exception {
            buffer.flush(true);
        }

        @Override
        public String name() {
            return "flush-journal";
        }

        @Override
        public Optional<Duration> timeout() {
            return Optional.of(Duration.ofSeconds(5));
        }
    }

    /** TELEMETRY: counts what was acknowledged against what the journal on disk holds. */
    static final class FinalCounts implements ExitAction {
        private final OrderService service;
        private final Journal journal;
        private final DemoSummary summary;

        @Inject
        FinalCounts(OrderService service, Journal journal, DemoSummary summary) {
            this.service = service;
            this.journal = journal;
            this.summary = summary;
        }

        @Override
        public void run(ExitContext context) throws Exception {
            Set<String> acknowledged = service.acknowledgedIds();
            Set<String> journaled = Journal.readIds(journal.file());
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(journaled);
            summary.record(acknowledged.size(), journaled.size(), lost.size(), service.refused());
        }

        @Override
        public String name() {
            return "final-counts";
        }

        @Override
        public int phase() {
            return ExitPhase.TELEMETRY;
        }
    }
}
