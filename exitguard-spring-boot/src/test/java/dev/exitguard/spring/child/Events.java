package dev.exitguard.spring.child;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What the app recorded, one line per event: {@code <System.nanoTime()> <text>}, from one JVM's clock. */
public final class Events {

    /** One event. */
    public record Event(long nanos, String text) {
    }

    private final List<Event> events;
    private final Supplier<String> context;

    private Events(List<Event> events, Supplier<String> context) {
        this.events = events;
        this.context = context;
    }

    static Events read(Path file, Supplier<String> context) {
        List<Event> events = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        int space = line.indexOf(' ');
                        events.add(new Event(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Events(events, context);
    }

    public List<String> texts() {
        return events.stream().map(Event::text).toList();
    }

    public long count(String text) {
        return events.stream().filter(e -> e.text().equals(text)).count();
    }

    /** The time of the first event with this text; fails, showing everything, if there is none. */
    public long first(String text) {
        return events.stream().filter(e -> e.text().equals(text)).findFirst().map(Event::nanos)
                .orElseGet(() -> fail("no event [" + text + "] in " + texts() + "\n" + context.get()));
    }

    /** Asserts that each of these happened exactly once. */
    public void assertOnce(String... texts) {
        for (String text : texts) {
            if (count(text) != 1) {
                fail("event [" + text + "] happened " + count(text) + " times: " + texts() + "\n" + context.get());
            }
        }
    }

    /** Asserts that the first of each event happened before the first of the next. */
    public void assertInOrder(String... texts) {
        for (int i = 0; i + 1 < texts.length; i++) {
            if (first(texts[i]) > first(texts[i + 1])) {
                fail("[" + texts[i] + "] should come before [" + texts[i + 1] + "]: " + texts() + "\n" + context.get());
            }
        }
    }
}
