package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.spring.child.Boot;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Events;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.JsonReader;
import dev.exitguard.testkit.Report;
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
import java.util.regex.Pattern;
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

    private static final String SHOP_APP = "dev.exitguard.spring.app.ShopApp";

    /** What the app prints once it serves. */
    private static final Pattern READY = Pattern.compile("(?m)^READY pid=(\\d+) port=(\\d+)$");

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

    private List<Path> classPathWithProviders(Boot boot) {
        assertTrue(Files.isRegularFile(PROVIDERS.resolve("META-INF/services/dev.exitguard.api.ExitAction")),
                "missing provider folder " + PROVIDERS.toAbsolutePath());
        List<Path> classPath = new ArrayList<>(boot.classPath());
        classPath.add(PROVIDERS.toAbsolutePath());
        return classPath;
    }

    /** The app in this test's folder (its working directory) on {@code classPath}. */
    private ChildJvm app(List<Path> classPath) {
        return ChildJvm.onClassPath(Jdk.current(), SHOP_APP, dir).classPath(classPath).flag("-Xmx256m");
    }

    /** The app in this test's folder (its working directory) on {@code classPath}, with these program arguments. */
    private Child start(List<Path> classPath, String... args) {
        return app(classPath).arguments(args).start();
    }

    /** Waits for the app's ready line; returns the port it serves on. */
    private static int awaitPort(Child child) throws InterruptedException {
        return Integer.parseInt(child.awaitReady(READY).group(2));
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
        ChildResult result;
        try (Child child = start(classPathWithProviders(boot))) {
            int port = awaitPort(child);
            CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            child.awaitEvent("slow request started", Duration.ofSeconds(30));

            child.signal("TERM");

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!refused(port)) {
                if (System.nanoTime() - end > 0) {
                    fail("new connections were still accepted 30 s after SIGTERM\n" + child.describeSoFar());
                }
                Thread.sleep(20);
            }
            assertFalse(inFlight.isDone(), () -> "the request in flight ended before intake stopped\n"
                    + child.describeSoFar());
            Files.createFile(dir.resolve("release"));
            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), child::describeSoFar);
            assertEquals("slow done", response.body(), child::describeSoFar);

            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        Events events = result.events();
        events.assertEachOnce("worker stop", "cache @PreDestroy", "journal flushed by flush-journal", "metrics flushed",
                "context closing");
        events.assertInOrder("readiness REFUSING_TRAFFIC", "context closing", "worker stop", "slow request answered",
                "cache @PreDestroy", "journal flushed by flush-journal", "metrics flushed");
        assertTrue(result.stdout().contains("Commencing graceful shutdown"),
                () -> "Spring's graceful web shutdown did not run\n" + result.describe());

        Report report = result.report();
        report.assertReason("SIGNAL", 143);
        assertEquals("TERM", report.detail(), result::describe);
        assertEquals(List.of("spring-readiness", "spring-context", "spring-shutdown-handlers", "flush-journal",
                "flush-metrics"), report.names(), result::describe);
        report.assertAll("SUCCEEDED");
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void thePreStopDelayKeepsServingWhileReadinessAlreadySaysNo(Boot boot) throws Exception {
        write("application.properties", "exitguard.spring.pre-stop-delay=3s\n");
        ChildResult result;
        try (Child child = start(boot.classPath())) {
            int port = awaitPort(child);
            assertEquals(200, get(port, "/readiness").statusCode(), child::describeSoFar);

            child.signal("TERM");

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            HttpResponse<String> readiness;
            while ((readiness = get(port, "/readiness")).statusCode() != 503) {
                if (System.nanoTime() - end > 0) {
                    fail("readiness still said " + readiness.body() + " 20 s after SIGTERM\n" + child.describeSoFar());
                }
                Thread.sleep(20);
            }
            assertEquals("REFUSING_TRAFFIC", readiness.body(), child::describeSoFar);
            HttpResponse<String> hello = get(port, "/hello");
            assertEquals(200, hello.statusCode(), child::describeSoFar);

            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        result.events().assertInOrder("readiness REFUSING_TRAFFIC", "hello answered", "context closing");
        assertEquals(List.of("spring-readiness", "spring-pre-stop", "spring-context", "spring-shutdown-handlers",
                "flush-journal"), result.report().names(), result::describe);
        double pause = result.report().action("spring-pre-stop").durationMillis();
        assertTrue(pause >= 2_900, () -> "the pre-stop pause took " + pause + " ms\n" + result.describe());
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void systemExitAnywhereRunsTheSameOrderedExitAndSpringsOwnHookDoesNotCloseTheContextBesideIt(Boot boot)
            throws Exception {
        write("application.properties", "exitguard.spring.pre-stop-delay=1500ms\n");
        ChildResult result;
        try (Child child = start(boot.classPath())) {
            int port = awaitPort(child);

            assertEquals(200, get(port, "/exit?status=3").statusCode(), child::describeSoFar);

            result = child.awaitExit();
        }
        assertEquals(3, result.exitCode(), result::describe);
        Events events = result.events();
        events.assertEachOnce("context closing", "worker stop", "cache @PreDestroy", "journal flushed by flush-journal");
        events.assertInOrder("System.exit(3)", "readiness REFUSING_TRAFFIC", "context closing", "cache @PreDestroy",
                "journal flushed by flush-journal");
        // Spring Boot's own hook would have closed the context at once, during the pre-stop pause.
        long pauseMillis = (events.first("context closing") - events.first("readiness REFUSING_TRAFFIC")) / 1_000_000;
        assertTrue(pauseMillis >= 1_400, () -> "the context began closing " + pauseMillis
                + " ms after readiness turned off, inside the 1500 ms pre-stop pause\n" + result.describe());
        assertEquals("JVM_SHUTDOWN", result.report().kind(), result::describe);
        assertEquals(List.of("spring-readiness", "spring-pre-stop", "spring-context", "spring-shutdown-handlers",
                "flush-journal"), result.report().names(), result::describe);
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void springApplicationsShutdownHandlersRunInsideTheExitOnceTheContextIsClosed(Boot boot) throws Exception {
        ChildResult result;
        try (Child child = app(boot.classPath()).property("app.shutdownHandler", "true").start()) {
            awaitPort(child);

            child.signal("TERM");

            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertShutdownHandlerRanOnceInsideTheExit(result);
        assertEquals("SUCCEEDED", result.report().action("spring-shutdown-handlers").outcome(), result::describe);
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void withoutSpringBootsHookTheHandlersRunInsideTheExitOnSystemExitToo(Boot boot) throws Exception {
        ChildResult result;
        try (Child child = app(boot.classPath()).property("app.shutdownHandler", "true")
                .property("app.noSpringShutdownHook", "true").start()) {
            int port = awaitPort(child);

            assertEquals(200, get(port, "/exit?status=3").statusCode(), child::describeSoFar);

            result = child.awaitExit();
        }
        assertEquals(3, result.exitCode(), result::describe);
        assertShutdownHandlerRanOnceInsideTheExit(result);
    }

    /**
     * SpringApplication's shutdown handler ran once, after the context closed and before the
     * journal was flushed, and exitguard's action for the handlers is the one that ran it.
     */
    private static void assertShutdownHandlerRanOnceInsideTheExit(ChildResult result) {
        Events events = result.events();
        events.assertEachOnce("shutdown handler ran");
        events.assertInOrder("context closing", "cache @PreDestroy", "shutdown handler ran",
                "journal flushed by flush-journal");
        assertEquals(Map.of("ranBy", "spring-shutdown-handlers"), facts(result, "spring-shutdown-handlers"),
                result::describe);
    }

    /** The facts of {@code action}'s row of the report (the kit's {@link Report.Action} does not carry them). */
    private static Map<String, Object> facts(ChildResult result, String action) {
        return JsonReader.array(result.report().json().get("actions")).stream().map(JsonReader::object)
                .filter(row -> action.equals(row.get("name"))).findFirst()
                .map(row -> JsonReader.object(row.get("facts")))
                .orElseThrow(() -> new AssertionError("no action [" + action + "] in the report\n" + result.describe()));
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void aStopThatHangsIsAbandonedAtTheDeadlineWithItsStackInTheReport(Boot boot) throws Exception {
        write("application.yml", """
                exitguard:
                  deadline: 4s
                """);
        ChildResult result;
        try (Child child = start(boot.classPath(), "--app.hang-on-stop=true")) {
            awaitPort(child);

            child.signal("TERM");

            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        Duration took = result.sinceLastSignal();
        System.out.println("hung SmartLifecycle.stop(), " + boot + ": SIGTERM to gone in " + took.toMillis()
                + " ms (deadline 4 s)");
        // The deadline is 4 s; the slack is for two loaded cores, not for the exit.
        assertTrue(took.compareTo(Duration.ofSeconds(4 + 10)) < 0, () -> "exit took " + took + "\n" + result.describe());
        result.events().assertEachOnce("worker stop");

        Report.Action context = result.report().action("spring-context");
        assertEquals("TIMED_OUT", context.outcome(), result::describe);
        String stack = context.stack();
        assertTrue(stack != null && stack.contains("dev.exitguard.spring.app.Worker.stop"),
                () -> "stack of spring-context: " + stack + "\n" + result.describe());
        assertEquals("SUCCEEDED", result.report().action("spring-readiness").outcome(), result::describe);
        assertEquals("SKIPPED", result.report().action("flush-journal").outcome(), result::describe);
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void aContextTimeoutCutsTheHungStopShortAndTheLaterPhasesStillRun(Boot boot) throws Exception {
        write("application.properties", "exitguard.spring.context-timeout=2s\nexitguard.deadline=30s\n");
        ChildResult result;
        try (Child child = start(boot.classPath(), "--app.hang-on-stop=true")) {
            awaitPort(child);

            child.signal("TERM");

            result = child.awaitExit();
        }
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals("TIMED_OUT", result.report().action("spring-context").outcome(), result::describe);
        assertEquals("SUCCEEDED", result.report().action("flush-journal").outcome(), result::describe);
        result.events().assertEachOnce("journal flushed by flush-journal");
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void plainSpringBootNeverExitsWhenAStopHangs(Boot boot) throws Exception {
        try (Child child = start(boot.classPathWithoutExitGuard(), "--app.hang-on-stop=true")) {
            awaitPort(child);

            child.signal("TERM");

            child.awaitEvent("worker stop", Duration.ofSeconds(30));
            // Two and a half times the deadline exitguard is given above: plain Spring is still inside stop().
            assertFalse(child.exitsWithin(Duration.ofSeconds(10)), () -> "plain Spring Boot exited after all\n"
                    + child.describeSoFar());
            assertFalse(child.hasReport(), child::describeSoFar);
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
        ChildResult result;
        try (Child child = start(boot.classPath())) {
            result = child.awaitExit();
        }
        assertEquals(1, result.exitCode(), result::describe);
        String output = result.stdout() + result.stderr();
        assertTrue(output.contains("APPLICATION FAILED TO START"), result::describe);
        assertTrue(output.contains(message), () -> "expected [" + message + "]\n" + result.describe());
        assertFalse(output.contains("READY"), result::describe);
    }

    @ParameterizedTest
    @EnumSource(Boot.class)
    void aCycleAmongExitActionBeansFailsTheStartNamingTheBeans(Boot boot) throws Exception {
        ChildResult result;
        try (Child child = start(boot.classPath(), "--app.cycle=true")) {
            result = child.awaitExit();
        }
        assertEquals(1, result.exitCode(), result::describe);
        String output = result.stdout() + result.stderr();
        assertTrue(output.contains("APPLICATION FAILED TO START"), result::describe);
        assertTrue(output.contains("1) cycle among exit actions: [ship] -> [pack] -> [ship] (each is after() the next);"
                + " [ship] is Spring bean 'ship' (dev.exitguard.spring.app.ExitActionsConfiguration$Step) from @Bean ship()"
                + " defined in class path resource [dev/exitguard/spring/app/ExitActionsConfiguration.class],"
                + " [pack] is Spring bean 'pack'"), result::describe);
        assertFalse(output.contains("READY"), result::describe);
    }
}
