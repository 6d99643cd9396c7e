package dev.exitguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a child program recorded in its events file ({@link InChild#record}), one line per event:
 * {@code <System.nanoTime()> <text>}. The times come from one JVM's clock, so they order events
 * across that JVM's threads. Immutable.
 *
 * @since 0.1
 */
public final class Events {

    /**
     * One event.
     *
     * @param nanos the child's {@link System#nanoTime()} when it was recorded
     * @param text what was recorded
     */
    public record Event(long nanos, String text) {
    }

    private final List<Event> events;
    private final Supplier<String> context;

    private Events(List<Event> events, Supplier<String> context) {
        this.events = List.copyOf(events);
        this.context = context;
    }

    /** Reads the file; an absent file is no events. {@code context} describes the child for failures. */
    static Events read(Path file, Supplier<String> context) {
        List<Event> events = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int space = line.indexOf(' ');
                    if (space < 0) {
                        throw new AssertionError("malformed event line [" + line + "] in " + file + "\n" + context.get());
                    }
                    events.add(new Event(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Events(events, context);
    }

    /** Every event, in the order recorded. */
    public List<Event> all() {
        return events;
    }

    /** The text of every event, in the order recorded. */
    public List<String> texts() {
        return events.stream().map(Event::text).toList();
    }

    /** How many events have exactly this text. */
    public long count(String text) {
        return events.stream().filter(e -> e.text().equals(text)).count();
    }

    /** The time of the one event with this text; fails, showing everything, if there is not exactly one. */
    public long time(String text) {
        List<Event> found = events.stream().filter(e -> e.text().equals(text)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one event [" + text + "], found " + found.size() + " in " + texts()
                    + "\n" + context.get());
        }
        return found.get(0).nanos();
    }

    /** The time of the first event with this text; fails, showing everything, if there is none. */
    public long first(String text) {
        return events.stream().filter(e -> e.text().equals(text)).findFirst().map(Event::nanos)
                .orElseThrow(() -> new AssertionError("no event [" + text + "] in " + texts() + "\n" + context.get()));
    }

    /** Asserts that each of these events happened exactly once. */
    public void assertEachOnce(List<String> texts) {
        for (String text : texts) {
            assertEquals(1, count(text), () -> "event [" + text + "] in " + texts() + "\n" + context.get());
        }
    }

    /** Asserts that each of these events happened exactly once. */
    public void assertEachOnce(String... texts) {
        assertEachOnce(List.of(texts));
    }

    /** Asserts that the first of each of these events happened before (or at the same nanosecond as) the first of the next. */
    public void assertInOrder(String... texts) {
        for (int i = 0; i + 1 < texts.length; i++) {
            long a = first(texts[i]);
            long b = first(texts[i + 1]);
            if (a > b) {
                throw new AssertionError("[" + texts[i] + "] should come before [" + texts[i + 1] + "], but came "
                        + (a - b) / 1000 + " µs after it; events: " + texts() + "\n" + context.get());
            }
        }
    }

    /** Asserts that the event {@code first} happened before (or at the same nanosecond as) {@code then}. */
    public void assertBefore(String first, String then) {
        long a = time(first);
        long b = time(then);
        if (a > b) {
            throw new AssertionError("[" + first + "] should come before [" + then + "], but came " + (a - b) / 1000
                    + " µs after it; events: " + texts() + "\n" + context.get());
        }
    }

    @Override
    public String toString() {
        return texts().toString();
    }
}
