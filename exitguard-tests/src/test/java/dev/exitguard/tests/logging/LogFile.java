package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.ChildResult;
import dev.exitguard.tests.apps.LoggingApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child's log file, read once the process is gone, against what {@link LoggingApp} logged: its
 * start line, every line of every action, the exit report's first line ({@code exit (...}), and the
 * final line its {@code onReport} listener logged.
 */
record LogFile(List<String> lines) {

    /** The first line of exitguard's report table. */
    static final String REPORT_PREFIX = "exit (";

    static LogFile read(Path file) {
        if (!Files.exists(file)) {
            return new LogFile(List.of());
        }
        try {
            return new LogFile(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line that must be there once, each with how often it is. */
    Map<String, Integer> expectedCounts(List<String> actions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(LoggingApp.STARTED, count(LoggingApp.STARTED));
        for (String action : actions) {
            for (int i = 1; i <= LoggingApp.LINES; i++) {
                String line = LoggingApp.line(action, i);
                counts.put(line, count(line));
            }
        }
        counts.put(REPORT_PREFIX + "...", (int) lines.stream().filter(l -> l.startsWith(REPORT_PREFIX)).count());
        counts.put(LoggingApp.FINAL, count(LoggingApp.FINAL));
        return counts;
    }

    /** How many of the expected lines are missing: 0 when nothing was lost. */
    int missing(List<String> actions) {
        return (int) expectedCounts(actions).values().stream().filter(c -> c == 0).count();
    }

    /** Whether the report's first line is there. */
    boolean hasReport() {
        return lines.stream().anyMatch(l -> l.startsWith(REPORT_PREFIX));
    }

    /** Whether the final line is there. */
    boolean hasFinalLine() {
        return lines.contains(LoggingApp.FINAL);
    }

    /**
     * Fails, naming every line missing or doubled and showing the child, unless every expected line
     * is there exactly once and the final line is the last.
     */
    void assertComplete(List<String> actions, ChildResult result) {
        List<String> wrong = new ArrayList<>();
        expectedCounts(actions).forEach((line, count) -> {
            if (count != 1) {
                wrong.add("[" + line + "] " + (count == 0 ? "is missing" : "is there " + count + " times"));
            }
        });
        String last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
        if (wrong.isEmpty() && !LoggingApp.FINAL.equals(last)) {
            wrong.add("the last line is [" + last + "], not the final line");
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " lines wrong in the log file (" + lines.size() + " lines):\n  "
                    + String.join("\n  ", wrong.subList(0, Math.min(wrong.size(), 30)))
                    + "\n--- log file ---\n" + String.join("\n", lines) + "\n" + result.describe());
        }
    }

    private int count(String line) {
        int count = 0;
        for (String l : lines) {
            if (l.equals(line)) {
                count++;
            }
        }
        return count;
    }
}
