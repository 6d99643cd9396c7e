package dev.exitguard.core;

import java.util.List;

/**
 * Thrown at install or registration when the configuration cannot work: a cycle among actions, a
 * duplicate name, an {@code after()} into a later phase, a bad timeout, a bad property value, a
 * trigger that cannot be armed. Lists every problem found, numbered, each naming its culprit.
 *
 * @since 0.1
 */
public final class ExitConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Every problem found, as {@link #problems()} returns them. */
    private final List<String> problems;

    /**
     * Creates the exception; its message is the headline, then every problem, numbered.
     *
     * @param headline what could not be done, e.g. {@code "exitguard cannot be installed"}
     * @param problems what is wrong, one sentence each; not empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ExitConfigurationException(String headline, List<String> problems) {
        super(message(headline, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an ExitConfigurationException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, one sentence each, in the order of the message.
     *
     * @return the problems; not empty, unmodifiable
     */
    public List<String> problems() {
        return problems;
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
