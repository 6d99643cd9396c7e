package dev.exitguard.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting for {@code bash -c}, so that a child's command line can be handed to a shell in between
 * (a wrapper script, a background job) exactly as it was built.
 *
 * @since 0.1
 */
public final class Shell {

    private Shell() {
    }

    /** The words as one command line of single-quoted words. */
    public static String quote(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    /** One word, single-quoted, its own single quotes kept. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
