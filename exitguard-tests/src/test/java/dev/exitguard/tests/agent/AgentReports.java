package dev.exitguard.tests.agent;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Report;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a report the child wrote somewhere other than where the harness asks for it (an agent option). */
final class AgentReports {

    private AgentReports() {
    }

    static Report read(Path file, ChildResult result) {
        if (!Files.exists(file)) {
            fail("the child wrote no exit report " + file + "\n" + result.describe());
        }
        return Report.of(file, result::describe);
    }
}
