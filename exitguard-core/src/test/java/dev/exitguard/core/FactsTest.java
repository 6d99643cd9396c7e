package dev.exitguard.core;

import static dev.exitguard.core.Actions.action;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ExitReport.Outcome;
import dev.exitguard.testkit.JsonReader;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What an action adds to its report row, from {@link ExitContext#fact} to the table and the JSON. */
class FactsTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private static ExitReport run(Actions.Body body) {
        return Guards.isolated(new RecordingTerminator()).action(action("counts", 0, body)).build().runActions(TERM);
    }

    @Test
    void factsKeepTheOrderFirstGivenAndALaterValueReplacesAnEarlierOne() {
        ExitReport report = run(context -> {
            context.fact("sent", 3);
            context.fact("queue", "orders");
            context.fact("sent", 7);
            context.fact("negative", -1);
        });

        ActionReport row = report.action("counts").orElseThrow();
        assertEquals(List.of("sent", "queue", "negative"), List.copyOf(row.facts().keySet()));
        assertEquals(Map.of("sent", 7L, "queue", "orders", "negative", -1L), row.facts());
        assertEquals(OptionalLong.of(7), row.number("sent"));
        assertEquals(OptionalLong.empty(), row.number("queue"));
        assertEquals(OptionalLong.empty(), row.number("absent"));
        assertTrue(report.toTable().contains("SUCCEEDED") && report.toTable().endsWith("sent=7 queue=orders negative=-1"),
                report::toTable);
        Map<String, Object> json = JsonReader.object(JsonReader.array(
                JsonReader.object(JsonReader.read(report.toJson())).get("actions")).get(0));
        assertEquals(Map.of("sent", 7.0, "queue", "orders", "negative", -1.0), json.get("facts"));
        assertTrue(report.toJson().contains("\"facts\": {\"sent\": 7, \"queue\": \"orders\", \"negative\": -1}"),
                report::toJson);
    }

    @Test
    void aRowWithoutFactsHasNoFactsKey() {
        ExitReport report = run(context -> { });

        assertEquals(Map.of(), report.action("counts").orElseThrow().facts());
        assertTrue(!report.toJson().contains("facts"), report::toJson);
    }

    @Test
    void aFailedActionKeepsItsFactsAfterItsError() {
        ExitReport report = run(context -> {
            context.fact("written", 2);
            throw new IllegalStateException("disk full");
        });

        ActionReport row = report.action("counts").orElseThrow();
        assertEquals(Outcome.FAILED, row.outcome());
        assertEquals(Map.of("written", 2L), row.facts());
        assertTrue(report.toTable().endsWith("java.lang.IllegalStateException: disk full; written=2"), report::toTable);
    }

    @Test
    void aBlankNameOrOneFactTooManyFailsTheActionSayingWhy() {
        AtomicReference<Throwable> blank = new AtomicReference<>();
        ExitReport report = run(context -> {
            try {
                context.fact(" ", 1);
            } catch (IllegalArgumentException e) {
                blank.set(e);
            }
            for (int i = 0; i < Facts.MAX; i++) {
                context.fact("f" + i, i);
            }
            context.fact("f0", "replacing is fine at the limit");
            context.fact("one-too-many", 1);
        });

        assertEquals("a fact's name must not be blank: [ ]", blank.get().getMessage());
        ActionReport row = report.action("counts").orElseThrow();
        assertEquals("java.lang.IllegalStateException: exit action [counts] already has 32 facts, as many as a report"
                + " row holds; cannot add [one-too-many]", row.error().orElseThrow());
        assertEquals(Facts.MAX, row.facts().size());
        assertEquals("replacing is fine at the limit", row.facts().get("f0"));
    }

    @Test
    void aRowMadeByHandChecksAndCopiesItsFacts() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("count", 3);
        given.put("name", "x");
        ActionReport row = new ActionReport("a", 0, Outcome.SUCCEEDED, Duration.ZERO, Duration.ZERO, Optional.empty(),
                Optional.empty(), "", given);
        given.put("later", 1L);

        assertEquals(Map.of("count", 3L, "name", "x"), row.facts(), "an int is widened, the map copied");
        assertThrows(UnsupportedOperationException.class, () -> row.facts().put("x", 1L));
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> new ActionReport("a", 0,
                Outcome.SUCCEEDED, Duration.ZERO, Duration.ZERO, Optional.empty(), Optional.empty(), "",
                Map.of("ratio", 0.5)));
        assertEquals("fact [ratio] is 0.5 (a java.lang.Double); a fact is a whole number or a string", odd.getMessage());
        assertEquals(Map.of(), new ActionReport("a", 0, Outcome.SUCCEEDED, Duration.ZERO, Duration.ZERO,
                Optional.empty(), Optional.empty(), "").facts());
    }

    @Test
    void aContextThatKeepsNoFactsIgnoresThemButStillRefusesNull() {
        ExitContext bare = new ExitContext() {
            @Override
            public ExitReason reason() {
                return TERM;
            }

            @Override
            public Instant deadline() {
                return Instant.EPOCH;
            }

            @Override
            public Duration remaining() {
                return Duration.ZERO;
            }
        };

        bare.fact("ignored", 1);
        bare.fact("ignored", "too");
        assertThrows(NullPointerException.class, () -> bare.fact(null, 1));
        assertThrows(NullPointerException.class, () -> bare.fact("x", null));
    }
}
