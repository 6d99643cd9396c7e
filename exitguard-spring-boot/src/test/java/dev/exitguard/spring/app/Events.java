package dev.exitguard.spring.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The app's events file ({@code app.events}): each event is written at once, unbuffered, as
 * {@code <System.nanoTime()> <text>}, so that it survives a halt and orders events across threads.
 */
public final class Events {

    private static final Object LOCK = new Object();
    private static FileChannel file;

    private Events() {
    }

    public static void record(String text) {
        String path = System.getProperty("app.events");
        if (path == null) {
            return;
        }
        byte[] line = (System.nanoTime() + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (LOCK) {
            try {
                if (file == null) {
                    file = FileChannel.open(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND);
                }
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
