package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.spring.app.logging.LoggingExitActions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The shop app's log file, read once the process is gone, against what must be in it: every line
 * each exit action and the {@code @PreDestroy} bean logged, and the first line of exitguard's report,
 * each exactly once, the report after all of them.
 */
record SpringLogFile(List<String> lines) {

    /** The first line of the report as any layout shows it: {@code ... exit (SIGNAL TERM (exit code 143)) took ...}. */
    private static final Pattern REPORT = Pattern.compile("\\bexit \\((SIGNAL|PROGRAMMATIC|JVM_SHUTDOWN)\\b.* took ");

    static SpringLogFile read(Path file) {
        if (!Files.exists(file)) {
            return new SpringLogFile(List.of());
        }
        try {
            return new SpringLogFile(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line that must be there once, each with how often it is. */
    private Map<String, Integer> expectedCounts(List<String> loggers) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String logger : loggers) {
            for (int i = 1; i <= LoggingExitActions.LINES; i++) {
                String line = LoggingExitActions.line(logger, i);
                counts.put(line, indexes(line).size());
            }
        }
        counts.put("exit (...) took ...", reportIndexes().size());
        return counts;
    }

    /** Fails, naming every line missing or doubled, unless each is there once and the report after them all. */
    void assertComplete(List<String> loggers, Supplier<String> child) {
        List<String> wrong = new ArrayList<>();
        expectedCounts(loggers).forEach((line, count) -> {
            if (count != 1) {
                wrong.add("[" + line + "] " + (count == 0 ? "is missing" : "is there " + count + " times"));
            }
        });
        if (wrong.isEmpty()) {
            int report = reportIndexes().get(0);
            for (String logger : loggers) {
                int last = indexes(LoggingExitActions.line(logger, LoggingExitActions.LINES)).get(0);
                if (last > report) {
                    wrong.add("the last line of " + logger + " comes after the report");
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " lines wrong in the log file (" + lines.size() + " lines):\n  "
                    + String.join("\n  ", wrong.subList(0, Math.min(wrong.size(), 30)))
                    + "\n--- log file ---\n" + String.join("\n", lines) + "\n" + child.get());
        }
    }

    private List<Integer> indexes(String message) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(" " + message)) {
                found.add(i);
            }
        }
        return found;
    }

    private List<Integer> reportIndexes() {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (REPORT.matcher(lines.get(i)).find()) {
                found.add(i);
            }
        }
        return found;
    }
}
