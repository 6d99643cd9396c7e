package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.api.ExitReason;
import dev.exitguard.testkit.JsonReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Any name, any source, any error message (control characters, quotes, lone surrogates, line
 * separators) leaves the report file and the plan valid JSON, read here by a strict parser, in
 * valid UTF-8, and reading back exactly what was given. A failure names its seed ({@link Seeds}).
 */
class ReportPropertiesTest {

    private CapturedLog log;
    private Path folder;

    @BeforeEach
    void prepare() throws IOException {
        log = new CapturedLog();
        folder = Files.createTempDirectory("exitguard-report-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        log.close();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Test
    void anyNameSourceOrMessageKeepsTheJsonValid() throws Exception {
        Seeds.tries(200, random -> {
            String name = Seeds.awkwardString(random, 1, 24);
            checkJson(name.isBlank() ? name + "x" : name, Seeds.awkwardString(random, 0, 24));
        });
    }

    private void checkJson(String name, String text) throws Exception {
        Path file = folder.resolve("report.json");
        ExitGuard guard = Guards.isolated(new RecordingTerminator())
                .reportFile(file)
                .action(Actions.action(name, 0, context -> {
                    throw new IllegalStateException(text);
                }), text)
                .build();

        guard.runActions(ExitReason.programmatic(1, text));

        Map<String, Object> report = JsonReader.object(JsonReader.read(strictUtf8(Files.readAllBytes(file))));
        Map<String, Object> action = JsonReader.object(JsonReader.array(report.get("actions")).get(0));
        assertEquals(name, action.get("name"));
        assertEquals("java.lang.IllegalStateException: " + text, action.get("error"));
        assertEquals(text, JsonReader.object(report.get("reason")).get("detail"));
        Map<String, Object> plan = JsonReader.object(JsonReader.read(guard.plan().toJson()));
        Map<String, Object> step = JsonReader.object(JsonReader.array(plan.get("actions")).get(0));
        assertEquals(List.of(name, text), List.of(step.get("name"), step.get("source")));
    }

    /** Decodes, refusing what is not UTF-8 rather than replacing it. */
    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
