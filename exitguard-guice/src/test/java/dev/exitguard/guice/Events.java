package dev.exitguard.guice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the actions and singletons of a test did, in order; bound as an instance, shared by them. */
final class Events {

    private final List<String> events = new CopyOnWriteArrayList<>();

    void add(String event) {
        events.add(event);
    }

    List<String> list() {
        return List.copyOf(events);
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
