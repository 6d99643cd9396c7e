package dev.exitguard.core;

import dev.exitguard.api.ExitPhase;
import dev.exitguard.core.ExitConfigurationException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the configuration problems of one build or registration, one method per kind, each a
 * {@link Problem} that carries the actions (or the property) it is about: collect, then fail once
 * ({@link #throwIfAny}), every problem numbered in the message.
 *
 * <p>Not thread-safe; one collector per build or registration.
 */
final class Problems {

    private final List<Problem> found = new ArrayList<>();

    /** Whether none was found. */
    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    /** The problems' messages, in the order found. */
    List<String> messages() {
        List<String> messages = new ArrayList<>(found.size());
        for (Problem problem : found) {
            messages.add(problem.message());
        }
        return messages;
    }

    /** Fails with every problem found, under {@code headline}; returns if there is none. */
    void throwIfAny(String headline) {
        if (!found.isEmpty()) {
            throw new ExitConfigurationException(List.copyOf(found), headline);
        }
    }

    /** An action whose name, phase, after() or timeout() cannot be read; {@code name} null if it has none. */
    void badAction(String name, String message) {
        add(message, name == null ? List.of() : List.of(name), null);
    }

    /** An action whose timeout is not positive, or too long. */
    void badTimeout(String name, String message) {
        badAction(name, message);
    }

    /** Two or more actions named {@code name}, each with where it came from. */
    void duplicateName(String name, List<ActionEntry> clash) {
        StringBuilder sources = new StringBuilder();
        for (int i = 0; i < clash.size(); i++) {
            sources.append(i == 0 ? "" : i == clash.size() - 1 ? " and " : ", ");
            ActionEntry entry = clash.get(i);
            sources.append(entry.action().getClass().getName()).append(" (").append(entry.source()).append(')');
        }
        add("duplicate exit action name [" + name + "]: " + sources + "; names must be unique (override name())",
                List.of(name), null);
    }

    /** A cycle of {@code after()} edges, each action after the next, the last after the first. */
    void cycle(List<String> cycle) {
        StringBuilder text = new StringBuilder("cycle among exit actions: ");
        for (String name : cycle) {
            text.append('[').append(name).append("] -> ");
        }
        text.append('[').append(cycle.get(0)).append(']');
        add(text.append(" (each is after() the next)").toString(), cycle, null);
    }

    /** {@code entry} is {@code after()} {@code later}, which runs in a later phase. */
    void laterPhase(ActionEntry entry, ActionEntry later) {
        add("exit action " + entry.label() + " (phase " + ExitPhase.nameOf(entry.phase()) + ") is after "
                + later.label() + ", which runs in a later phase (" + ExitPhase.nameOf(later.phase())
                + "); an action can only wait for its own phase or an earlier one",
                List.of(entry.name(), later.name()), null);
    }

    /** A property whose value cannot be used; {@code message} names it and the value. */
    void badProperty(String property, String message) {
        add(message, List.of(), property);
    }

    /** Two triggers added by hand under one name. */
    void duplicateTrigger(String name) {
        add("two exit triggers named [" + name + "] were added; names must be unique", List.of(), null);
    }

    /** A trigger that could not be armed, and why. */
    void triggerNotArmed(String name, String why) {
        add("exit trigger " + name + " could not be armed: " + why, List.of(), null);
    }

    private void add(String message, List<String> actions, String property) {
        found.add(new Problem(message, actions, Optional.ofNullable(property)));
    }
}
