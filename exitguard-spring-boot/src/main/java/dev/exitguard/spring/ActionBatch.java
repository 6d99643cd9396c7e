package dev.exitguard.spring;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitConfigurationException;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitRegistration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers a set of actions with a guard as one: every problem of every action is reported in one
 * exception, and then none of them stays registered. The guard checks each action against those
 * already there, so the set is registered in an order where an action comes after those of the set
 * it is {@code after()}: the guard then warns only about names that are really absent.
 */
final class ActionBatch {

    private static final System.Logger LOGGER = System.getLogger("dev.exitguard");

    /** An action and where it came from, for messages and the plan. */
    record Sourced(ExitAction action, String source) {
    }

    private ActionBatch() {
    }

    /**
     * Registers every action, or none.
     *
     * @param what what the actions are, for the message, e.g. {@code "the exit actions of application context 'x'"}
     * @return the registrations, in the order made; fewer than the actions if the exit began meanwhile
     *     (the rest cannot run anyway, and a warning names them)
     * @throws ExitConfigurationException listing every problem, after undoing the registrations made
     */
    static List<ExitRegistration> register(ExitGuard guard, List<Sourced> actions, String what) {
        List<ExitRegistration> made = new ArrayList<>();
        List<ExitConfigurationException.Problem> problems = new ArrayList<>();
        List<Sourced> ordered = inDependencyOrder(actions);
        for (int i = 0; i < ordered.size(); i++) {
            Sourced sourced = ordered.get(i);
            try {
                made.add(guard.register(sourced.action(), sourced.source()));
            } catch (ExitConfigurationException e) {
                problems.addAll(e.details());
            } catch (IllegalStateException e) {
                List<String> left = new ArrayList<>();
                for (Sourced rest : ordered.subList(i, ordered.size())) {
                    left.add(rest.source());
                }
                LOGGER.log(System.Logger.Level.WARNING, "the exit began while " + what + " were being registered;"
                        + " these are not part of it: " + left);
                return made;
            }
        }
        if (!problems.isEmpty()) {
            for (ExitRegistration registration : made) {
                registration.unregister();
            }
            throw ExitConfigurationException.of(headline(what), problems);
        }
        return made;
    }

    /** The first line of the failure {@link #register} throws. */
    static String headline(String what) {
        return "exitguard cannot register " + what;
    }

    /** Depth first: what an action is after, within the set, before the action itself. */
    private static List<Sourced> inDependencyOrder(List<Sourced> actions) {
        Map<String, Sourced> byName = new LinkedHashMap<>();
        for (Sourced sourced : actions) {
            String name = nameOf(sourced.action());
            if (name != null) {
                byName.putIfAbsent(name, sourced);
            }
        }
        List<Sourced> ordered = new ArrayList<>();
        Set<Sourced> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Sourced sourced : actions) {
            visit(sourced, byName, visited, ordered);
        }
        return ordered;
    }

    private static void visit(Sourced sourced, Map<String, Sourced> byName, Set<Sourced> visited, List<Sourced> ordered) {
        if (!visited.add(sourced)) {
            return;
        }
        for (String target : afterOf(sourced.action())) {
            Sourced first = byName.get(target);
            if (first != null) {
                visit(first, byName, visited, ordered);
            }
        }
        ordered.add(sourced);
    }

    /** The action's name, or null if it has none to give: the guard reports that, naming the source. */
    private static String nameOf(ExitAction action) {
        try {
            return action.name();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Set<String> afterOf(ExitAction action) {
        try {
            Set<String> after = action.after();
            return after == null ? Set.of() : after;
        } catch (RuntimeException | LinkageError e) {
            return Set.of();
        }
    }
}
