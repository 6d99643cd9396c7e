package dev.exitguard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown at install or registration when the configuration cannot work: a cycle among actions, a
 * duplicate name, an {@code after()} into a later phase, a bad timeout, a bad property value, a
 * trigger that cannot be armed. Lists every problem found, numbered, each naming its culprit.
 * Each problem is also a value, {@link Problem}, that carries the names of the actions (or the
 * property) it is about, so that an adapter can point at where those actions came from (a Guice
 * binding, a Spring bean) without reading the message.
 *
 * @since 0.1
 */
public final class ExitConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Every problem's message, in the order of the message. */
    private final List<String> problems;
    /** Every problem found; not serialized ({@link Problem} holds an {@code Optional}), read back as plain messages. */
    private final transient List<Problem> details;

    /**
     * One configuration problem: its message, as the exception lists it, and what it is about.
     *
     * @param message the problem in one sentence, naming its culprit and the bad value
     * @param actions the names of the exit actions it is about, in the order the message names
     *     them (a cycle's, in its order); empty when it is about none (a property, a trigger, an
     *     action without a readable name)
     * @param property the {@code exitguard.*} property whose value is bad, if it is about one
     * @since 0.1
     */
    public record Problem(String message, List<String> actions, Optional<String> property) {

        /**
         * Creates a problem.
         *
         * @param message the problem in one sentence, naming its culprit and the bad value
         * @param actions the names of the exit actions it is about; copied
         * @param property the {@code exitguard.*} property whose value is bad, if it is about one
         * @throws NullPointerException if any argument, or a name in {@code actions}, is null
         */
        public Problem {
            Objects.requireNonNull(message, "message");
            actions = List.copyOf(actions);
            Objects.requireNonNull(property, "property");
        }
    }

    /**
     * Creates the exception; its message is the headline, then every problem, numbered.
     *
     * @param headline what could not be done, e.g. {@code "exitguard cannot be installed"}
     * @param problems what is wrong, one sentence each; not empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ExitConfigurationException(String headline, List<String> problems) {
        this(plain(problems), headline);
    }

    /**
     * Creates the exception from problems as values, for an adapter that gathers the problems of
     * several registrations, or adds to their messages, and fails once: its message is the
     * headline, then every problem, numbered.
     *
     * @param headline what could not be done
     * @param problems what is wrong; not empty
     * @return the exception
     * @throws IllegalArgumentException if {@code problems} is empty
     * @since 0.1
     */
    public static ExitConfigurationException of(String headline, List<Problem> problems) {
        Objects.requireNonNull(headline, "headline");
        return new ExitConfigurationException(List.copyOf(problems), headline);
    }

    /** From the problems a {@link Problems} collector found. */
    ExitConfigurationException(List<Problem> details, String headline) {
        super(message(headline, messages(details)));
        if (details.isEmpty()) {
            throw new IllegalArgumentException("an ExitConfigurationException needs at least one problem");
        }
        this.details = List.copyOf(details);
        this.problems = messages(details);
    }

    /**
     * Every problem found, one sentence each, in the order of the message.
     *
     * @return the problems; not empty, unmodifiable
     */
    public List<String> problems() {
        return problems;
    }

    /**
     * Every problem found, as values naming the actions and property each is about, in the order
     * of the message.
     *
     * @return the problems; not empty, unmodifiable
     * @since 0.1
     */
    public List<Problem> details() {
        return details != null ? details : plain(problems);
    }

    private static List<Problem> plain(List<String> problems) {
        List<Problem> details = new ArrayList<>(problems.size());
        for (String problem : problems) {
            details.add(new Problem(problem, List.of(), Optional.empty()));
        }
        return List.copyOf(details);
    }

    private static List<String> messages(List<Problem> details) {
        List<String> messages = new ArrayList<>(details.size());
        for (Problem problem : details) {
            messages.add(problem.message());
        }
        return List.copyOf(messages);
    }

    private static String message(String headline, List<String> problems) {
        StringBuilder text = new StringBuilder(headline).append(": ").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append('\n');
        for (int i = 0; i < problems.size(); i++) {
            text.append('\n').append(i + 1).append(") ").append(problems.get(i)).append('\n');
        }
        return text.toString();
    }
}
