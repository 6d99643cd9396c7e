package dev.exitguard.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.exitguard.core.InFlight;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order-intake service: {@code POST /orders} puts an order in the write-behind buffer and
 * acknowledges it with {@code 202} and its id; {@code GET /ready} answers {@code 200} while orders
 * are taken and {@code 503} once intake has stopped; {@code GET /stats} gives the counts.
 * Listens on loopback only.
 */
final class OrderService implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers;
    private final OrderBuffer buffer;
    /** The orders being taken: stopped in STOP_INTAKE, drained in DRAIN (see {@link DemoActions}). */
    private final InFlight intake = InFlight.named("orders");
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    OrderService(int port, OrderBuffer buffer) throws IOException {
        this.buffer = buffer;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.handlers = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "demo-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/orders", this::order);
        server.createContext("/ready", this::ready);
        server.createContext("/stats", this::stats);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void order(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "POST an order\n");
                return;
            }
            String item;
            try (InputStream body = exchange.getRequestBody()) {
                item = new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            InFlight.Ticket ticket;
            try {
                ticket = intake.enter();
            } catch (RejectedExecutionException stopping) {
                refused.incrementAndGet();
                respond(exchange, 503, "not taking orders: shutting down\n");
                return;
            }
            try (ticket) {
                String id = "o-" + nextId.incrementAndGet();
                buffer.add(new Order(id, item.isEmpty() ? "(nothing)" : item.replace('\n', ' ')));
                acknowledged.add(id);
                respond(exchange, 202, id + "\n");
            }
        }
    }

    private void ready(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean open = intake.isAccepting();
            respond(exchange, open ? 200 : 503, open ? "ready\n" : "stopping\n");
        }
    }

    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 200, "acknowledged " + acknowledged.size() + "\nrefused " + refused.get()
                    + "\nbuffered " + buffer.size() + "\n");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Readiness off, new orders refused from now on. */
    void stopIntake() {
        intake.stopIntake();
    }

    /** The orders being taken, for the drain. */
    InFlight intake() {
        return intake;
    }

    Set<String> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    long refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        handlers.shutdown();
        handlers.awaitTermination(2, TimeUnit.SECONDS);
    }
}
