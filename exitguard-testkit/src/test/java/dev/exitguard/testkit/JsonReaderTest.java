package dev.exitguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reader, and the oracle every document it reads must agree with. */
class JsonReaderTest {

    @Test
    void aDocumentReadsAsMapsListsStringsDoublesBooleansAndNull() {
        Object value = JsonReader.read("{\"name\": \"flush \\\"journal\\\" \\u00e9\", \"phase\": -1000, \"took\": 1.5e3,"
                + " \"flags\": [true, false, null], \"nested\": {}}");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "flush \"journal\" é");
        expected.put("phase", -1000.0);
        expected.put("took", 1500.0);
        expected.put("flags", Arrays.asList(true, false, null));
        expected.put("nested", Map.of());
        assertEquals(expected, value);
        assertEquals(List.of("name", "phase", "took", "flags", "nested"), List.copyOf(JsonReader.object(value).keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\": 1,}", "[1 2]", "{\"a\": 1} x", "{'a': 1}", "{\"a\": NaN}", "[01]",
            "{\"a\": 1, \"a\": 2}", "\"tab\there\"", "[1.]", "{a: 1}", "// comment\n{}"})
    void whatJsonDoesNotAllowIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> JsonReader.read(text));
    }

    @Test
    void theOracleFailsADocumentThatOnlyTheReaderHereAccepts() {
        // Jackson refuses nesting deeper than 1,000 (its StreamReadConstraints); the reader here does not count.
        String deep = "[".repeat(1_001) + "]".repeat(1_001);

        AssertionError refused = assertThrows(AssertionError.class, () -> JsonReader.read(deep));

        assertTrue(refused.getMessage().startsWith("JsonReader read this, but Jackson refuses it: "), refused.getMessage());
    }

    @Test
    void theOracleFailsADocumentTheTwoReadDifferently() {
        AssertionError differ = assertThrows(AssertionError.class,
                () -> JacksonOracle.assertReadsTheSame("{\"exitCode\": 143}", Map.of("exitCode", 130.0)));

        assertEquals("JsonReader and Jackson read this differently:\nJsonReader: {exitCode=130.0}\nJackson:    "
                + "{exitCode=143.0}\n{\"exitCode\": 143}", differ.getMessage());
    }

    @Test
    void escapedLoneSurrogatesReadTheSameInBoth() {
        assertEquals("lone \uD800 high, \uDC00 low", JsonReader.read("\"lone \\ud800 high, \\udc00 low\""));
    }
}
