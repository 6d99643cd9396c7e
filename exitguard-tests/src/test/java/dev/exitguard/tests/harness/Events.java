package dev.exitguard.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a child app recorded in its events file, one line per event: {@code <System.nanoTime()> <text>}.
 * The times come from one JVM's clock, so they order events across that JVM's threads.
 */
public final class Events {

    /** One event. */
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
                    int space = line.indexOf(' ');
                    if (line.isBlank()) {
                        continue;
                    }
                    if (space < 0) {
                        fail("malformed event line [" + line + "] in " + file + "\n" + context.get());
                    }
                    events.add(new Event(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Events(events, context);
    }

    public List<Event> all() {
        return events;
    }

    public List<String> texts() {
        return events.stream().map(Event::text).toList();
    }

    public long count(String text) {
        return events.stream().filter(e -> e.text().equals(text)).count();
    }

    /** The time of the one event with this text; fails, showing everything, if there is not exactly one. */
    public long time(String text) {
        List<Event> found = events.stream().filter(e -> e.text().equals(text)).toList();
        if (found.size() != 1) {
            fail("expected exactly one event [" + text + "], found " + found.size() + " in " + texts() + "\n"
                    + context.get());
        }
        return found.get(0).nanos();
    }

    /** Asserts that each of these events happened exactly once. */
    public void assertEachOnce(List<String> texts) {
        for (String text : texts) {
            assertEquals(1, count(text), () -> "event [" + text + "] in " + texts() + "\n" + context.get());
        }
    }

    /** Asserts that the event {@code first} happened before (or at the same nanosecond as) {@code then}. */
    public void assertBefore(String first, String then) {
        long a = time(first);
        long b = time(then);
        if (a > b) {
            fail("[" + first + "] should come before [" + then + "], but came " + (a - b) / 1000 + " µs after it; events: "
                    + texts() + "\n" + context.get());
        }
    }

    @Override
    public String toString() {
        return texts().toString();
    }
}
