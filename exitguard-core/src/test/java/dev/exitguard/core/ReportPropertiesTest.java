package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.api.ExitReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Any name, any source, any error message (control characters, quotes, lone surrogates, line
 * separators) leaves the report file and the plan valid JSON, read here by a strict parser, in
 * valid UTF-8, and reading back exactly what was given.
 */
class ReportPropertiesTest {

    private CapturedLog log;
    private Path folder;

    @BeforeTry
    void prepare() throws IOException {
        log = new CapturedLog();
        folder = Files.createTempDirectory("exitguard-report-");
    }

    @AfterTry
    void cleanUp() throws IOException {
        log.close();
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(folder);
    }

    @Property(tries = 200)
    void anyNameSourceOrMessageKeepsTheJsonValid(
            @ForAll @StringLength(min = 1, max = 24) @CharRange(from = '\u0000', to = '\uffff') String name,
            @ForAll @StringLength(max = 24) @CharRange(from = '\u0000', to = '\uffff') String text) throws Exception {
        Assume.that(!name.isBlank());
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
