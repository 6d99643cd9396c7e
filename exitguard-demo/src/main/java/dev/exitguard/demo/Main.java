package dev.exitguard.demo;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.exitguard.guice.ExitGuardModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The exitguard demo: an order-intake service whose exit is guarded. Run it with
 * {@code --exit-after 3s} to watch a whole guarded exit under load, or without to stop it with
 * Ctrl-C yourself; {@code --help} explains every flag.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args));
        } catch (DemoOptions.BadOption e) {
            System.err.println("exitguard-demo: " + e.getMessage());
            System.err.print(DemoOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DemoOptions.usage());
            return;
        }
        // The JDK's server writes headers and body apart; without TCP_NODELAY each small answer waits
        // for the client's delayed ACK (40 ms), which would make the load a trickle.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path journal = options.journal().orElse(Files.createTempDirectory("exitguard-demo").resolve("journal.log"));
        // Read by logback.xml, before the first line is logged: the demo's log lives beside its journal.
        System.setProperty("exitguard.demo.log", DemoSummary.logFile(journal).toString());
        DemoSummary summary = new DemoSummary(journal, System.out);
        ExitGuardModule exitGuard = ExitGuardModule.builder()
                .closeSingletons(true)
                .customize(guard -> {
                    guard.onReport(summary::print);
                    options.report().ifPresent(guard::reportFile);
                    if (options.exitAfter().isPresent()) {
                        guard.terminator(new VerdictTerminator(summary));
                    }
                })
                .build();
        Injector injector = Guice.createInjector(exitGuard, new DemoModule(options, journal, summary));
        OrderService service = injector.getInstance(OrderService.class);
        injector.getInstance(Flusher.class);
        System.out.println("exitguard-demo: taking orders on http://127.0.0.1:" + service.port() + "/orders, journal "
                + journal);
        if (options.exitAfter().isPresent()) {
            new LoadGenerator(service.port(), options.clients());
            System.out.println("exitguard-demo: sending load with " + options.clients() + " clients; SIGTERM in "
                    + options.exitAfter().get().toMillis() + " ms");
            Thread.sleep(options.exitAfter().get().toMillis());
            Signal.raise(new Signal("TERM"));
        } else {
            System.out.println("exitguard-demo: press Ctrl-C to stop");
        }
        // The exit ends the process; until then the main thread has nothing more to do.
        new CountDownLatch(1).await();
    }
}
