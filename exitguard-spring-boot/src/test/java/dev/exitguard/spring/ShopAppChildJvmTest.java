package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.spring.child.Boot;
import dev.exitguard.spring.child.Events;
import dev.exitguard.spring.child.ShopChild;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real Spring Boot web application ({@code dev.exitguard.spring.app.ShopApp}: embedded Tomcat, a
 * slow endpoint, an {@code ExitAction} bean with an injected service, a {@code @PreDestroy} bean, a
 * {@code SmartLifecycle} bean, and an action ServiceLoader finds) in child JVMs stopped with a real
 * {@code kill -TERM}, on Spring Boot 4.0 and 3.5 with the same exitguard jar. Settings come from the
 * {@code application.yml} or {@code application.properties} each test writes into the app's folder.
 */
class ShopAppChildJvmTest {

    /** A bound on an exit that should take a second or two; generous for two loaded cores. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

    /** How many times the in-flight scenario runs per Spring Boot version; a soak raises it. */
    private static final int REPEATS = Integer.getInteger("exitguard.spring.repeats", 2);

    private static final Path PROVIDERS = Path.of(System.getProperty("exitguard.spring.providers",
            "src/test/providers")).resolve("shop");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    static Stream<Arguments> repeatedOnEachBoot() {
        List<Arguments> runs = new ArrayList<>();
        for (Boot boot : Boot.values()) {
            for (int run = 1; run <= REPEATS; run++) {
                runs.add(Arguments.of(boot, run));
            }
        }
        return runs.stream();
    }

    private List<String> classPathWithProviders(Boot boot) {
        assertTrue(Files.isRegularFile(PROVIDERS.resolve("META-INF/services/dev.exitguard.api.ExitAction")),
                "missing provider folder " + PROVIDERS.toAbsolutePath());
        List<String> classPath = new ArrayList<>(boot.classPath());
        classPath.add(PROVIDERS.toAbsolutePath().toString());
        return classPath;
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Whether a new TCP connection to the app is refused now. */
    private static boolean refused(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    @ParameterizedTest(name = "{0}, run {1}")
    @MethodSource("repeatedOnEachBoot")
    void sigtermLetsTheRequestInFlightFinishRefusesNewConnectionsAndRunsSpringsShutdownInsideTheExit(Boot boot, int run)
            throws Exception {
        write("application.yml", """
                exitguard:
                  deadline: 30s
                  halt-grace: 5s
                """);
        try (ShopChild child = ShopChild.start(dir, classPathWithProviders(boot), Map.of())) {
            int port = child.awaitReady();
            CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            child.awaitEvent("slow request started", Duration.ofSeconds(30));

            child.signal("TERM");

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!refused(port)) {
                if (System.nanoTime() - end > 0) {
                    fail("new connections were still accepted 30 s after SIGTERM\n" + child.describe());
                }
                Thread.sleep(20);
            }
            assertFalse(inFlight.isDone(), () -> "the request in flight ended before intake stopped\n" + child.describe());
            Files.createFile(dir.resolve("release"));
            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), child::describe);
            assertEquals("slow done", response.body(), child::describe);

            assertEquals(143, child.awaitExit(EXIT_BOUND), child::describe);

            Events events = child.events();
            events.assertOnce("worker stop", "cache @PreDestroy", "journal flushed by flush-journal", "metrics flushed",
                    "context closing");
            events.assertInOrder("readiness REFUSING_TRAFFIC", "context closing", "worker stop", "slow request answered",
                    "cache @PreDestroy", "journal flushed by flush-journal", "metrics flushed");
            assertTrue(child.stdout().contains("Commencing graceful shutdown"),
                    () -> "Spring's graceful web shutdown did not run\n" + child.describe());

            Map<String, Object> reason = (Map<String, Object>) child.report().get("reason");
            assertEquals("SIGNAL", reason.get("kind"), child::describe);
            assertEquals("TERM", reason.get("detail"), child::describe);
            assertEquals(143.0, reason.get("exitCode"), child::describe);
            assertEquals(List.of("spring-readiness", "spring-context", "spring-shutdown-handlers", "flush-journal", "flush-metrics"),
                    child.reportedNames(), child::describe);
            for (Map<String, Object> action : child.reportedActions()) {
                assertEquals("SUCCEEDED", action.get("outcome"), () -> action + "\n" + child.describe());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void thePreStopDelayKeepsServingWhileReadinessAlreadySaysNo(Boot boot) throws Exception {
        write("application.properties", "exitguard.spring.pre-stop-delay=3s\n");
        try (ShopChild child = ShopChild.start(dir, boot.classPath(), Map.of())) {
            int port = child.awaitReady();
            assertEquals(200, get(port, "/readiness").statusCode(), child::describe);

            child.signal("TERM");

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            HttpResponse<String> readiness;
            while ((readiness = get(port, "/readiness")).statusCode() != 503) {
                if (System.nanoTime() - end > 0) {
                    fail("readiness still said " + readiness.body() + " 20 s after SIGTERM\n" + child.describe());
                }
                Thread.sleep(20);
            }
            assertEquals("REFUSING_TRAFFIC", readiness.body(), child::describe);
            HttpResponse<String> hello = get(port, "/hello");
            assertEquals(200, hello.statusCode(), child::describe);

            assertEquals(143, child.awaitExit(EXIT_BOUND), child::describe);
            child.events().assertInOrder("readiness REFUSING_TRAFFIC", "hello answered", "context closing");
            assertEquals(List.of("spring-readiness", "spring-pre-stop", "spring-context", "spring-shutdown-handlers",
                    "flush-journal"),
                    child.reportedNames(), child::describe);
            double pause = (Double) child.reported("spring-pre-stop").get("durationMillis");
            assertTrue(pause >= 2_900, () -> "the pre-stop pause took " + pause + " ms\n" + child.describe());
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void systemExitAnywhereRunsTheSameOrderedExitAndSpringsOwnHookDoesNotCloseTheContextBesideIt(Boot boot)
            throws Exception {
        write("application.properties", "exitguard.spring.pre-stop-delay=1500ms\n");
        try (ShopChild child = ShopChild.start(dir, boot.classPath(), Map.of())) {
            int port = child.awaitReady();

            assertEquals(200, get(port, "/exit?status=3").statusCode(), child::describe);

            assertEquals(3, child.awaitExit(EXIT_BOUND), child::describe);
            Events events = child.events();
            events.assertOnce("context closing", "worker stop", "cache @PreDestroy", "journal flushed by flush-journal");
            events.assertInOrder("System.exit(3)", "readiness REFUSING_TRAFFIC", "context closing", "cache @PreDestroy",
                    "journal flushed by flush-journal");
            // Spring Boot's own hook would have closed the context at once, during the pre-stop pause.
            long pauseMillis = (events.first("context closing") - events.first("readiness REFUSING_TRAFFIC")) / 1_000_000;
            assertTrue(pauseMillis >= 1_400, () -> "the context began closing " + pauseMillis
                    + " ms after readiness turned off, inside the 1500 ms pre-stop pause\n" + child.describe());
            assertEquals("JVM_SHUTDOWN", ((Map<?, ?>) child.report().get("reason")).get("kind"), child::describe);
            assertEquals(List.of("spring-readiness", "spring-pre-stop", "spring-context", "spring-shutdown-handlers",
                    "flush-journal"),
                    child.reportedNames(), child::describe);
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void springApplicationsShutdownHandlersRunInsideTheExitOnceTheContextIsClosed(Boot boot) throws Exception {
        try (ShopChild child = ShopChild.start(dir, boot.classPath(), Map.of("app.shutdownHandler", "true"))) {
            child.awaitReady();

            child.signal("TERM");

            assertEquals(143, child.awaitExit(EXIT_BOUND), child::describe);
            Events events = child.events();
            events.assertOnce("shutdown handler ran");
            events.assertInOrder("context closing", "cache @PreDestroy", "shutdown handler ran",
                    "journal flushed by flush-journal");
            Map<String, Object> handlers = child.reported("spring-shutdown-handlers");
            assertEquals("SUCCEEDED", handlers.get("outcome"), child::describe);
            assertEquals(Map.of("ranBy", "spring-shutdown-handlers"), handlers.get("facts"), child::describe);
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void withoutSpringBootsHookTheHandlersRunInsideTheExitOnSystemExitToo(Boot boot) throws Exception {
        try (ShopChild child = ShopChild.start(dir, boot.classPath(),
                Map.of("app.shutdownHandler", "true", "app.noSpringShutdownHook", "true"))) {
            int port = child.awaitReady();

            assertEquals(200, get(port, "/exit?status=3").statusCode(), child::describe);

            assertEquals(3, child.awaitExit(EXIT_BOUND), child::describe);
            Events events = child.events();
            events.assertOnce("shutdown handler ran");
            events.assertInOrder("context closing", "cache @PreDestroy", "shutdown handler ran",
                    "journal flushed by flush-journal");
            assertEquals(Map.of("ranBy", "spring-shutdown-handlers"), child.reported("spring-shutdown-handlers").get("facts"),
                    child::describe);
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void aStopThatHangsIsAbandonedAtTheDeadlineWithItsStackInTheReport(Boot boot) throws Exception {
        write("application.yml", """
                exitguard:
                  deadline: 4s
                """);
        try (ShopChild child = ShopChild.start(dir, boot.classPath(), Map.of(), "--app.hang-on-stop=true")) {
            child.awaitReady();

            child.signal("TERM");

            assertEquals(143, child.awaitExit(EXIT_BOUND), child::describe);
            Duration took = child.sinceSignal();
            System.out.println("hung SmartLifecycle.stop(), " + boot + ": SIGTERM to gone in " + took.toMillis()
                    + " ms (deadline 4 s)");
            // The deadline is 4 s; the slack is for two loaded cores, not for the exit.
            assertTrue(took.compareTo(Duration.ofSeconds(4 + 10)) < 0, () -> "exit took " + took + "\n" + child.describe());
            child.events().assertOnce("worker stop");

            Map<String, Object> context = child.reported("spring-context");
            assertEquals("TIMED_OUT", context.get("outcome"), child::describe);
            String stack = (String) context.get("stack");
            assertTrue(stack != null && stack.contains("dev.exitguard.spring.app.Worker.stop"),
                    () -> "stack of spring-context: " + stack + "\n" + child.describe());
            assertEquals("SUCCEEDED", child.reported("spring-readiness").get("outcome"), child::describe);
            assertEquals("SKIPPED", child.reported("flush-journal").get("outcome"), child::describe);
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void aContextTimeoutCutsTheHungStopShortAndTheLaterPhasesStillRun(Boot boot) throws Exception {
        write("application.properties", "exitguard.spring.context-timeout=2s\nexitguard.deadline=30s\n");
        try (ShopChild child = ShopChild.start(dir, boot.classPath(), Map.of(), "--app.hang-on-stop=true")) {
            child.awaitReady();

            child.signal("TERM");

            assertEquals(143, child.awaitExit(EXIT_BOUND), child::describe);
            assertEquals("TIMED_OUT", child.reported("spring-context").get("outcome"), child::describe);
            assertEquals("SUCCEEDED", child.reported("flush-journal").get("outcome"), child::describe);
            child.events().assertOnce("journal flushed by flush-journal");
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void plainSpringBootNeverExitsWhenAStopHangs(Boot boot) throws Exception {
        try (ShopChild child = ShopChild.start(dir, boot.classPathWithoutExitGuard(), Map.of(), "--app.hang-on-stop=true")) {
            child.awaitReady();

            child.signal("TERM");

            child.awaitEvent("worker stop", Duration.ofSeconds(30));
            // Two and a half times the deadline exitguard is given above: plain Spring is still inside stop().
            Thread.sleep(10_000);
            assertTrue(child.isAlive(), () -> "plain Spring Boot exited after all\n" + child.describe());
            assertFalse(Files.exists(child.dir().resolve("report.json")), child::describe);
        }
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(Boot.values()).flatMap(boot -> Stream.of(
                Arguments.of(boot, "exitguard.halt-grace=banana",
                        "exitguard.haltGrace: cannot read [banana] as a duration (examples: 25s, 500ms, PT25S) (from URL [file:application.properties] - 1:22)"),
                Arguments.of(boot, "exitguard.spring.context-phase=soon",
                        "Invalid value 'soon' for configuration property 'exitguard.spring.context-phase'")));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void aBadSettingFailsTheStartNamingTheKey(Boot boot, String setting, String message) throws Exception {
        write("application.properties", setting + "\n");
        try (ShopChild child = ShopChild.start(dir, boot.classPath(), Map.of())) {
            assertEquals(1, child.awaitExit(EXIT_BOUND), child::describe);
            String output = child.stdout() + child.stderr();
            assertTrue(output.contains("APPLICATION FAILED TO START"), child::describe);
            assertTrue(output.contains(message), () -> "expected [" + message + "]\n" + child.describe());
            assertFalse(output.contains("READY"), child::describe);
        }
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void aCycleAmongExitActionBeansFailsTheStartNamingTheBeans(Boot boot) throws Exception {
        try (ShopChild child = ShopChild.start(dir, boot.classPath(), Map.of(), "--app.cycle=true")) {
            assertEquals(1, child.awaitExit(EXIT_BOUND), child::describe);
            String output = child.stdout() + child.stderr();
            assertTrue(output.contains("APPLICATION FAILED TO START"), child::describe);
            assertTrue(output.contains("1) cycle among exit actions: [ship] -> [pack] -> [ship] (each is after() the next);"
                    + " [ship] is Spring bean 'ship' (dev.exitguard.spring.app.ExitActionsConfiguration$Step) from @Bean ship()"
                    + " defined in class path resource [dev/exitguard/spring/app/ExitActionsConfiguration.class],"
                    + " [pack] is Spring bean 'pack'"), child::describe);
            assertFalse(output.contains("READY"), child::describe);
        }
    }
}
