package dev.exitguard.spring.child;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testing.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop app ({@code dev.exitguard.spring.app.ShopApp}) running in a child JVM of its own, in its
 * own folder (its working directory, where a test may write {@code application.properties} or
 * {@code application.yml}). Waits for its ready line, sends it real signals with {@code kill}, and
 * reads what it recorded and reported. Close it: a child still running then is killed.
 */
public final class ShopChild implements AutoCloseable {

    public static final String MAIN = "dev.exitguard.spring.app.ShopApp";

    /** Generous: two cores shared by several builds can stretch a Spring Boot start many times over. */
    public static final Duration READY_BOUND = Duration.ofSeconds(90);

    /** The port is {@code null} when the app runs without a web server. */
    private static final Pattern READY = Pattern.compile("(?m)^READY pid=(\\d+) port=(\\d+|null)$");

    private final Process process;
    private final Path dir;
    private final String command;
    private final Output stdout;
    private final Output stderr;
    private long signalNanos = -1;
    private int port = -1;

    private ShopChild(Process process, Path dir, String command) {
        this.process = process;
        this.dir = dir;
        this.command = command;
        this.stdout = new Output(process.getInputStream());
        this.stderr = new Output(process.getErrorStream());
    }

    /** Starts the app in {@code dir} on {@code classPath}, with these system properties and program arguments. */
    public static ShopChild start(Path dir, List<String> classPath, Map<String, String> properties, String... args) {
        return launch(dir, List.of("-cp", String.join(File.pathSeparator, classPath), MAIN), properties, args);
    }

    /**
     * Starts {@code main} of module {@code module} in {@code dir} on {@code modulePath}, with these
     * system properties and program arguments.
     */
    public static ShopChild startModule(Path dir, List<String> modulePath, String module, String main,
            Map<String, String> properties, String... args) {
        // Every module of the path: automatic modules (Spring's) read all resolved modules but make
        // none resolve, so commons-logging, Logback and the rest would be left out.
        return launch(dir, List.of("-p", String.join(File.pathSeparator, modulePath), "--add-modules", "ALL-MODULE-PATH",
                "-m", module + "/" + main), properties, args);
    }

    private static ShopChild launch(Path dir, List<String> launch, Map<String, String> properties, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.add("-Dapp.events=" + dir.resolve("events.log"));
        command.add("-Dexitguard.report=" + dir.resolve("report.json"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(launch);
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new ShopChild(process, dir, String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code READY pid=<pid> port=<port>}; returns the port. */
    public int awaitReady() throws InterruptedException {
        String text = stdout.await(t -> READY.matcher(t).find(), READY_BOUND, process);
        if (text == null) {
            fail("the app printed no ready line within " + READY_BOUND.toSeconds() + " s\n" + describe());
        }
        Matcher matcher = READY.matcher(text);
        matcher.find();
        port = matcher.group(2).equals("null") ? -1 : Integer.parseInt(matcher.group(2));
        return port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** Sends {@code signal} (e.g. {@code TERM}) with {@code kill}. */
    public void signal(String signal) throws InterruptedException, IOException {
        signalNanos = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid())).redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (kill.waitFor() != 0) {
            fail("kill -s " + signal + " failed: " + output + "\n" + describe());
        }
    }

    /** Waits until the app has recorded {@code event}; fails, showing the child, if it does not within {@code bound}. */
    public void awaitEvent(String event, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (events().count(event) == 0) {
            if (System.nanoTime() - end > 0 || !process.isAlive() && events().count(event) == 0) {
                fail("the app did not record [" + event + "] within " + bound.toMillis() + " ms; it recorded "
                        + events().texts() + "\n" + describe());
            }
            Thread.sleep(20);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit; fails, showing the child, if it has not exited within {@code bound}. */
    public int awaitExit(Duration bound) throws InterruptedException {
        if (!process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS)) {
            String output = describe();
            close();
            fail("the app did not exit within " + bound.toSeconds() + " s; it was killed\n" + output);
        }
        stdout.drain();
        stderr.drain();
        return process.exitValue();
    }

    /** Time from the signal to now (call it just after {@link #awaitExit}). */
    public Duration sinceSignal() {
        return Duration.ofNanos(System.nanoTime() - signalNanos);
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }

    public Events events() {
        return Events.read(dir.resolve("events.log"), this::describe);
    }

    /** The exit report, read with the core's strict JSON reader; fails if the app wrote none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> report() {
        Path file = dir.resolve("report.json");
        if (!Files.exists(file)) {
            fail("the app wrote no exit report\n" + describe());
        }
        try {
            return (Map<String, Object>) JsonReader.object(JsonReader.read(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's actions, each a map of its fields, in the report's order. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> reportedActions() {
        return (List<Map<String, Object>>) (List<?>) report().get("actions");
    }

    /** The report's row of {@code name}; fails if there is none. */
    public Map<String, Object> reported(String name) {
        return reportedActions().stream().filter(a -> name.equals(a.get("name"))).findFirst()
                .orElseGet(() -> fail("no action [" + name + "] in the report\n" + describe()));
    }

    /** The names in the report, in its order. */
    public List<String> reportedNames() {
        return reportedActions().stream().map(a -> (String) a.get("name")).toList();
    }

    /** The command, whatever the child printed so far, and its exit code if it has one. */
    public String describe() {
        return "command: " + command + "\n"
                + (process.isAlive() ? "still running" : "exit code " + process.exitValue())
                + "\n--- stdout ---\n" + stdout.text() + "\n--- stderr ---\n" + stderr.text() + "\n--- end ---";
    }

    /** Kills the child and whatever it started, if it still runs. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A stream read on a thread of its own into a buffer. */
    private static final class Output {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try {
                    for (int n; (n = in.read(chunk)) >= 0; ) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                            buffer.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // The process is gone.
                }
            }, "shop-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        String await(Predicate<String> condition, Duration bound, Process process) throws InterruptedException {
            long end = System.nanoTime() + bound.toNanos();
            synchronized (buffer) {
                while (true) {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    if (condition.test(text)) {
                        return text;
                    }
                    long left = end - System.nanoTime();
                    if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                        return null;
                    }
                    buffer.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                }
            }
        }

        void drain() throws InterruptedException {
            reader.join(10_000);
        }
    }
}
