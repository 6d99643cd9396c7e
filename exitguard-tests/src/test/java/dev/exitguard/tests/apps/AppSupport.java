package dev.exitguard.tests.apps;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitActions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * What the child apps share: the events file ({@code app.events}), where each event is written at
 * once, unbuffered, so that it survives a halt; and the ready line the harness waits for.
 */
public final class AppSupport {

    private static final Object LOCK = new Object();
    private static FileChannel events;

    private AppSupport() {
    }

    /** Appends {@code <System.nanoTime()> <text>} to the events file. */
    public static void record(String text) {
        byte[] line = (System.nanoTime() + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (LOCK) {
            try {
                if (events == null) {
                    events = FileChannel.open(Path.of(System.getProperty("app.events")), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                }
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    events.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An action that records {@code start <name>} and {@code end <name>}. */
    public static ExitAction recording(String name, int phase, String... after) {
        return ExitActions.named(name).phase(phase).after(after).run(context -> {
            record("start " + name);
            record("end " + name);
        });
    }

    /** Tells the harness the app is up, and which pid to signal. */
    public static void ready() {
        System.out.println("READY pid=" + ProcessHandle.current().pid());
        System.out.flush();
    }

    /** Blocks the calling (non-daemon) thread until the process ends. */
    public static void waitForever() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
