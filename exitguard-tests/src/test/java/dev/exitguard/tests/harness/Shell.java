package dev.exitguard.tests.harness;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for {@code bash -c}. */
public final class Shell {

    private Shell() {
    }

    /** The words as one bash command line, each single-quoted. */
    public static String quote(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }

    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
