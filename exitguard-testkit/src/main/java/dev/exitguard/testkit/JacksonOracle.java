package dev.exitguard.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Jackson, as strict as RFC 8259 (a duplicate key or trailing text is an error; comments, single
 * quotes, {@code NaN} and the like are refused by default), reading the JSON {@link JsonReader}
 * read, into the same shape: maps, lists, strings, doubles, booleans, null.
 */
final class JacksonOracle {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JacksonOracle() {
    }

    /** Throws {@link AssertionError} unless Jackson reads {@code text} as {@code expected}. */
    static void assertReadsTheSame(String text, Object expected) {
        Object jackson;
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw new AssertionError("Jackson finds no JSON value in what JsonReader read as " + expected
                        + ":\n" + text);
            }
            jackson = value(tree);
        } catch (JsonProcessingException e) {
            throw new AssertionError("JsonReader read this, but Jackson refuses it: " + e.getOriginalMessage()
                    + "\n" + text, e);
        }
        if (!Objects.equals(expected, jackson)) {
            throw new AssertionError("JsonReader and Jackson read this differently:\nJsonReader: " + expected
                    + "\nJackson:    " + jackson + "\n" + text);
        }
    }

    /** The tree as plain values, numbers as doubles, as JsonReader gives them. */
    static Object value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), value(field.getValue()));
                }
                return map;
            }
            case ARRAY: {
                List<Object> list = new ArrayList<>();
                node.forEach(element -> list.add(value(element)));
                return list;
            }
            case STRING:
                return node.textValue();
            case NUMBER:
                return node.doubleValue();
            case BOOLEAN:
                return node.booleanValue();
            case NULL:
                return null;
            default:
                throw new AssertionError("Jackson read a " + node.getNodeType() + " node, which JSON text has not: " + node);
        }
    }
}
