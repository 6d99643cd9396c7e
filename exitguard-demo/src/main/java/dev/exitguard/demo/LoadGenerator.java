package dev.exitguard.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Clients that post orders to the service as fast as it answers, until the process ends. */
final class LoadGenerator {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    LoadGenerator(int port, int clients) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI orders = URI.create("http://127.0.0.1:" + port + "/orders");
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> post(http, orders, client), "demo-client-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void post(HttpClient http, URI orders, int client) {
        for (long n = 0; !Thread.currentThread().isInterrupted(); n++) {
            HttpRequest request = HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString("widget from client " + client + " #" + n)).build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                (status == 202 ? accepted : status == 503 ? refused : failed).incrementAndGet();
                if (status == 503) {
                    // Intake has stopped: a real client would back off and go to another instance.
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }
}
