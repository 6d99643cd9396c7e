package dev.exitguard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * What a program running in a child JVM calls to be read by its test: it records events in the
 * file {@link ChildJvm} names in the property {@value ChildJvm#EVENTS_PROPERTY}, one line
 * {@code <System.nanoTime()> <text>} each, written at once and unbuffered so that it survives a
 * halt; and it says it is ready with {@code READY pid=<pid>}, which {@link Child#awaitReady()}
 * waits for. JDK only, so that it costs a child nothing. Thread-safe.
 *
 * @since 0.1
 */
public final class InChild {

    private static final Object LOCK = new Object();
    private static FileChannel events;

    private InChild() {
    }

    /**
     * Appends {@code <System.nanoTime()> <text>} to the events file. In a JVM that has none (the
     * same class run in the test's own JVM, or a child started {@link ChildJvm#asIs() as is}) it
     * records nothing: a test that reads events of a child gets an events file.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void record(String text) {
        String file = System.getProperty(ChildJvm.EVENTS_PROPERTY);
        if (file == null) {
            return;
        }
        byte[] line = (System.nanoTime() + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (LOCK) {
            try {
                if (events == null) {
                    events = FileChannel.open(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND);
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

    /** Tells the test the program is up, and which pid to signal. */
    public static void ready() {
        System.out.println(Child.READY_PREFIX + ProcessHandle.current().pid());
        System.out.flush();
    }

    /** Blocks the calling (non-daemon) thread until the process ends. */
    public static void waitForever() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
