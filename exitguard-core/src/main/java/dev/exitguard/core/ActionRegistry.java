package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The actions of one guard, by name, and which of them wait for a name ({@code after()}), so that
 * an addition is validated against what is there as at install. Once an exit begins the registry
 * is {@linkplain #close(ExitReason) closed}: that exit takes what it holds, and every later
 * registration is refused, so nothing registered before is lost and nothing after runs.
 *
 * <p>Thread-safe: every method takes the registry's own lock, and never calls out under it.
 */
final class ActionRegistry {

    private final Object lock = new Object();
    private final Map<String, ActionEntry> actions = new LinkedHashMap<>();
    private final Map<String, List<ActionEntry>> waitingFor = new HashMap<>();
    /** Under {@link #lock}: the reason of the exit that closed the registry; null while open. */
    private ExitReason closedBy;

    ActionRegistry(List<ActionEntry> entries) {
        for (ActionEntry entry : entries) {
            add(entry);
        }
    }

    /**
     * Validates {@code action} against the actions registered and adds it.
     *
     * @throws IllegalStateException once an exit has begun
     * @throws ExitConfigurationException if it breaks a rule
     */
    ExitRegistration register(ExitAction action, String source) {
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        ActionEntry entry = ActionEntry.read(action, source, problems);
        String label = entry != null ? entry.label() : action.getClass().getName();
        synchronized (lock) {
            if (closedBy != null) {
                throw new IllegalStateException("cannot register exit action " + label
                        + ": the exit has already begun (" + closedBy + "); only actions registered before it run");
            }
            if (entry != null) {
                Validation.checkAddition(entry, actions, waitingFor, problems, found);
            }
            problems.throwIfAny("cannot register exit action " + label);
            add(entry);
        }
        found.forEach(Log::warning);
        return new Registration(entry);
    }

    /** Closes the registry for the exit begun with {@code reason}; returns what that exit runs. */
    List<ActionEntry> close(ExitReason reason) {
        synchronized (lock) {
            closedBy = reason;
            return new ArrayList<>(actions.values());
        }
    }

    /** The actions registered now, in the order they were added. */
    List<ActionEntry> entries() {
        synchronized (lock) {
            return new ArrayList<>(actions.values());
        }
    }

    /** The names of the actions registered now; unmodifiable. */
    List<String> names() {
        synchronized (lock) {
            return List.copyOf(actions.keySet());
        }
    }

    int size() {
        synchronized (lock) {
            return actions.size();
        }
    }

    /** Under {@link #lock}, or from the constructor. */
    private void add(ActionEntry entry) {
        actions.put(entry.name(), entry);
        for (String target : entry.after()) {
            List<ActionEntry> waiting = waitingFor.get(target);
            if (waiting == null) {
                waiting = new ArrayList<>();
                waitingFor.put(target, waiting);
            }
            waiting.add(entry);
        }
    }

    private boolean remove(ActionEntry entry) {
        synchronized (lock) {
            if (closedBy != null || actions.get(entry.name()) != entry) {
                return false;
            }
            actions.remove(entry.name());
            for (String target : entry.after()) {
                List<ActionEntry> waiting = waitingFor.get(target);
                waiting.remove(entry);
                if (waiting.isEmpty()) {
                    waitingFor.remove(target);
                }
            }
            return true;
        }
    }

    private final class Registration implements ExitRegistration {
        private final ActionEntry entry;

        Registration(ActionEntry entry) {
            this.entry = entry;
        }

        @Override
        public String name() {
            return entry.name();
        }

        @Override
        public boolean unregister() {
            return remove(entry);
        }

        @Override
        public void close() {
            unregister();
        }

        @Override
        public String toString() {
            return "ExitRegistration[" + entry.label() + "]";
        }
    }
}
