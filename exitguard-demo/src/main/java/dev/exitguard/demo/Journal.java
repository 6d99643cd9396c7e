package dev.exitguard.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An append-only file of orders, one id per line. Thread-safe. */
final class Journal implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private long appended;

    Journal(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    Path file() {
        return file;
    }

    /** Appends the orders; they are in the OS's cache, not yet on disk, until {@link #sync()}. */
    synchronized void append(List<Order> orders) throws IOException {
        if (orders.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder(orders.size() * 24);
        for (Order order : orders) {
            lines.append(order.id()).append(' ').append(order.item()).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        appended += orders.size();
    }

    /** Forces what was appended to the disk. */
    synchronized void sync() throws IOException {
        channel.force(true);
    }

    synchronized long appended() {
        return appended;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** The ids in a journal file, as a reader after the process would see them. */
    static Set<String> readIds(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                ids.add(line.substring(0, space));
            }
        }
        return ids;
    }
}
