package dev.exitguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.TestJdks;
import dev.exitguard.tests.apps.Demo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * No acknowledged order is ever lost: the demo runs in its own JVM, this test is its
 * client (several threads posting orders, each id answered with {@code 202} noted), and at a
 * random moment a real {@code kill -TERM} stops it. Once it has exited with 143, every id it
 * acknowledged must be in its journal file, and its own closing count must say 0 lost.
 *
 * <p>{@value #DEFAULT_RUNS} kills by default, taking the JDKs the suite found in turn (JDK 17 and JDK 25
 * where both are there), a few demos at a time.
 * System properties: {@code exitguard.tests.noLoss.runs} (a longer soak), {@code .parallel} (demos
 * at once), {@code .seed} (the kill moments of an earlier run, whose seed it printed).
 */
@Isolated("several demos under load at once take both cores, which would stretch the other scenarios' timings")
class NoLossTest {

    static final int DEFAULT_RUNS = 50;

    private static final int RUNS = Integer.getInteger("exitguard.tests.noLoss.runs", DEFAULT_RUNS);
    private static final int PARALLEL = Integer.getInteger("exitguard.tests.noLoss.parallel", 3);
    private static final int CLIENTS = 4;

    /** The SIGTERM comes this long at most after the first order was acknowledged. */
    private static final int LONGEST_LOAD_MILLIS = 1000;

    /** Generous: the demo acknowledges its first order milliseconds after it is up. */
    private static final Duration FIRST_ORDER_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** What one kill found. */
    private record Kill(int index, Jdk jdk, long delayMillis, int acknowledged, int refused, int lost, String failure) {
    }

    @Test
    void everyAcknowledgedOrderIsInTheJournalAfterKillTerm() throws Exception {
        assertTrue(RUNS > 0 && PARALLEL > 0, "exitguard.tests.noLoss.runs and .parallel must be positive");
        long seed = Long.getLong("exitguard.tests.noLoss.seed", new Random().nextLong());
        System.out.println("no-loss: seed " + seed + " (-Dexitguard.tests.noLoss.seed=" + seed
                + " repeats these kill moments)");
        Random random = new Random(seed);
        List<Jdk> jdks = TestJdks.found();
        AtomicInteger workers = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL, task -> {
            Thread thread = new Thread(task, "no-loss-" + workers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<Future<Kill>> futures = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < RUNS; i++) {
                int index = i;
                Jdk jdk = jdks.get(i % jdks.size());
                long delay = random.nextInt(LONGEST_LOAD_MILLIS);
                futures.add(executor.submit(() -> killSafely(index, jdk, delay)));
            }
            List<Kill> kills = new ArrayList<>();
            for (Future<Kill> future : futures) {
                kills.add(future.get());
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            long acknowledged = kills.stream().mapToLong(Kill::acknowledged).sum();
            long refused = kills.stream().mapToLong(Kill::refused).sum();
            long lost = kills.stream().mapToLong(Kill::lost).sum();
            System.out.println("no-loss: " + kills.size() + " kills -TERM under load (seed " + seed + ", " + PARALLEL
                    + " demos at a time, " + jdks.stream().map(Jdk::toString).collect(Collectors.joining(" and "))
                    + ", " + seconds + " s): " + acknowledged
                    + " orders acknowledged, " + lost + " lost; " + refused + " refused with 503 while stopping");
            List<String> failures = kills.stream().filter(k -> k.failure() != null)
                    .map(k -> "kill #" + k.index() + " (" + k.jdk() + ", TERM " + k.delayMillis()
                            + " ms after the first order): " + k.failure())
                    .toList();
            if (!failures.isEmpty()) {
                fail(failures.size() + " of " + kills.size() + " kills failed (seed " + seed + "), " + lost
                        + " acknowledged orders lost in all:\n" + String.join("\n\n", failures));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** One kill; a failure is returned with the rest, so that one bad run does not hide the others. */
    private Kill killSafely(int index, Jdk jdk, long delayMillis) {
        Path runDir = dir.resolve(String.format("kill-%03d", index));
        try {
            Files.createDirectories(runDir);
            return kill(index, jdk, delayMillis, runDir);
        } catch (AssertionError | Exception e) {
            return new Kill(index, jdk, delayMillis, 0, 0, 0, e instanceof AssertionError ? e.getMessage() : e.toString());
        }
    }

    private static Kill kill(int index, Jdk jdk, long delayMillis, Path runDir) throws Exception {
        Path journal = runDir.resolve("journal.log");
        ChildResult result;
        Clients clients;
        try (Child demo = Demo.child(jdk, runDir, "--journal", journal.toString()).start()) {
            MatchResult line = demo.awaitReady(Demo.TAKING_ORDERS);
            assertEquals(journal.toString(), line.group(2), demo::describeSoFar);
            clients = new Clients(Integer.parseInt(line.group(1)), index);
            try {
                if (!clients.awaitFirst(FIRST_ORDER_BOUND)) {
                    fail("no order was acknowledged within " + FIRST_ORDER_BOUND.toSeconds() + " s ("
                            + clients.failed.get() + " requests failed)\n" + demo.describeSoFar());
                }
                Thread.sleep(delayMillis);
                demo.signal("TERM");
                result = demo.awaitExit();
            } finally {
                clients.stop();
            }
        }
        Set<String> acknowledged = clients.acknowledged;
        List<String> journaled = journalIds(journal);
        Set<String> missing = new TreeSet<>(acknowledged);
        missing.removeAll(journaled);
        String failure = check(result, acknowledged, journaled, missing);
        return new Kill(index, jdk, delayMillis, acknowledged.size(), clients.refused.get(), missing.size(), failure);
    }

    /** Null if the kill kept every promise; otherwise what went wrong, with the demo's output. */
    private static String check(ChildResult result, Set<String> acknowledged, List<String> journaled,
            Set<String> missing) {
        List<String> problems = new ArrayList<>();
        if (result.exitCode() != 143) {
            problems.add("exit code " + result.exitCode() + ", not 143");
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " of " + acknowledged.size() + " acknowledged orders are not in the journal: "
                    + (missing.size() > 20 ? List.copyOf(missing).subList(0, 20) + "..." : missing));
        }
        Set<String> distinct = new HashSet<>(journaled);
        if (distinct.size() != journaled.size()) {
            problems.add((journaled.size() - distinct.size()) + " orders are in the journal more than once");
        }
        Matcher counts = Demo.closingCounts(result.stdout());
        if (counts == null) {
            problems.add("the demo's last line is not its closing count");
        } else {
            long demoAcknowledged = Long.parseLong(counts.group(1));
            if (!counts.group(3).equals("0")) {
                problems.add("the demo counted " + counts.group(3) + " lost");
            }
            if (!counts.group(2).equals(counts.group(1)) || Long.parseLong(counts.group(2)) != distinct.size()) {
                problems.add("the demo counted " + counts.group(1) + " acknowledged and " + counts.group(2)
                        + " in the journal, the journal holds " + distinct.size());
            }
            if (demoAcknowledged < acknowledged.size()) {
                problems.add("the demo counted " + demoAcknowledged + " acknowledged, the clients were answered "
                        + acknowledged.size() + " times with 202");
            }
        }
        if (result.hasReport()) {
            result.report().actions().stream().filter(a -> !a.outcome().equals("SUCCEEDED"))
                    .forEach(a -> problems.add("action " + a.name() + " " + a.outcome()));
        } else {
            problems.add("no exit report");
        }
        return problems.isEmpty() ? null : String.join("; ", problems) + "\n" + result.describe();
    }

    /** The ids in the journal, in order, duplicates kept: lines {@code <id> <item>}. */
    private static List<String> journalIds(Path journal) throws IOException {
        List<String> ids = new ArrayList<>();
        if (Files.exists(journal)) {
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    ids.add(line.substring(0, space));
                }
            }
        }
        return ids;
    }

    /**
     * The demo's clients: threads posting orders one after another, as fast as it answers, noting
     * each id acknowledged with {@code 202}; a {@code 503} (stopping) or a failed connection (gone)
     * is counted and followed by a short pause. They post until stopped.
     */
    private static final class Clients {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicLong failed = new AtomicLong();
        private final URL orders;
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopped;

        Clients(int port, int run) throws IOException {
            orders = URI.create("http://127.0.0.1:" + port + "/orders").toURL();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                Thread thread = new Thread(() -> post(client), "no-loss-client-" + run + "-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        private void post(int client) {
            for (long n = 0; !stopped; n++) {
                try {
                    String id = order(("widget " + client + "-" + n).getBytes(StandardCharsets.UTF_8));
                    if (id != null) {
                        acknowledged.add(id);
                    } else {
                        refused.incrementAndGet();
                        pause();
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                    pause();
                }
            }
        }

        /** The id, if the order was acknowledged with 202; null if it was refused. */
        private String order(byte[] body) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) orders.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            // Streamed, so that the JDK never posts an order a second time behind our back.
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status == 202) {
                try (InputStream in = connection.getInputStream()) {
                    String id = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                    if (id.isEmpty()) {
                        throw new IOException("202 without an id");
                    }
                    return id;
                }
            }
            try (InputStream in = connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            if (status != 503) {
                throw new IOException("unexpected status " + status);
            }
            return null;
        }

        private void pause() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                stopped = true;
            }
        }

        boolean awaitFirst(Duration bound) throws InterruptedException {
            long end = System.nanoTime() + bound.toNanos();
            while (acknowledged.isEmpty()) {
                if (System.nanoTime() - end > 0) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30).toMillis());
                if (thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " did not stop");
                }
            }
        }
    }
}
