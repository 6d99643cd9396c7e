package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact text a string becomes: escaped where JSON or UTF-8 need it, and only there, so that
 * names stay readable in the file. (That any string reads back the same is a property, in
 * {@link ReportPropertiesTest}.)
 */
class JsonTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``|``",
            "a|a",
            "say \"hi\"|say \\\"hi\\\"",
            "back\\slash|back\\\\slash",
            "ünïcödé ✓|ünïcödé ✓",
            "emoji \uD83D\uDE00|emoji \uD83D\uDE00",
            "\uD83D\uDE00\uD83D\uDE01|\uD83D\uDE00\uD83D\uDE01",
            "lone \uD800|lone \\ud800",
            "\uDC00 lone low first|\\udc00 lone low first",
            "\uD800\uD800\uDC00|\\ud800\uD800\uDC00",
            "high at the end \uDBFF|high at the end \\udbff",
            "sep\u2028arators\u2029|sep\\u2028arators\\u2029",
            "del\u007f is allowed|del\u007f is allowed",
            "</script>|</script>"})
    void stringsAreEscapedWhereNeededAndOnlyThere(String value, String expected) {
        assertEquals("\"" + expected + "\"", Json.quote(value));
    }

    @ParameterizedTest
    @CsvSource({"0, \\u0000", "7, \\u0007", "8, \\b", "9, \\t", "10, \\n", "12, \\f", "13, \\r", "27, \\u001b",
            "31, \\u001f", "32, ' '"})
    void controlCharactersAreEscaped(int character, String expected) {
        assertEquals("\"" + expected + "\"", Json.quote(String.valueOf((char) character)));
    }
}
