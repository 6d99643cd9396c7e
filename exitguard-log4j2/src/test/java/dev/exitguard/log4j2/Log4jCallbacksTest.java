package dev.exitguard.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.core.util.Cancellable;
import org.junit.jupiter.api.Test;

class Log4jCallbacksTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void callbacksRunOnceInTheOrderAddedAndACancelledOneNot() {
        Cancellable first = Log4jCallbacks.add(() -> ran.add("first"));
        Cancellable cancelled = Log4jCallbacks.add(() -> ran.add("cancelled"));
        Cancellable third = Log4jCallbacks.add(() -> ran.add("third"));
        cancelled.cancel();

        Log4jCallbacks.runAll();
        Log4jCallbacks.runAll();
        first.run();
        third.run();

        assertEquals(List.of("first", "third"), ran);
        assertEquals(0, Log4jCallbacks.pending());
    }

    @Test
    void oneThatThrowsDoesNotKeepTheNextFromRunningAndIsReported() {
        Log4jCallbacks.add(() -> {
            throw new IllegalStateException("appender broke");
        });
        Log4jCallbacks.add(() -> ran.add("next"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, Log4jCallbacks::runAll);

        assertEquals(List.of("next"), ran);
        assertTrue(thrown.getMessage().startsWith("a Log4j shutdown callback failed: "), thrown.getMessage());
        assertEquals("appender broke", thrown.getSuppressed()[0].getMessage());
    }
}
