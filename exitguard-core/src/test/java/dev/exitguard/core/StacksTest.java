package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Stacks as the report shows them, and how a thread stuck in System.exit is recognised. */
class StacksTest {

    private static StackTraceElement frame(String type, String method) {
        return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", 10);
    }

    @Test
    void aStackIsOneFramePerLine() {
        assertEquals("\tat a.B.c(B.java:10)\n\tat d.E.f(E.java:10)",
                Stacks.format(new StackTraceElement[] {frame("a.B", "c"), frame("d.E", "f")}));
    }

    @Test
    void aThreadThatHasEndedHasNoFrames() {
        assertEquals("\t(no frames: the thread has ended)", Stacks.format(new StackTraceElement[0]));
    }

    @Test
    void aDeepStackIsCutAtSixtyFourFrames() {
        StackTraceElement[] frames = IntStream.range(0, 100).mapToObj(i -> frame("deep.Frame", "m" + i))
                .toArray(StackTraceElement[]::new);

        String[] lines = Stacks.format(frames).split("\n");

        assertEquals(65, lines.length);
        assertEquals("\tat deep.Frame.m63(Frame.java:10)", lines[63]);
        assertEquals("\t... 36 more", lines[64]);
        assertEquals(64, Stacks.format(IntStream.range(0, 64).mapToObj(i -> frame("deep.Frame", "m" + i))
                .toArray(StackTraceElement[]::new)).split("\n").length);
    }

    @Test
    void aThreadInsideSystemExitIsRecognisedByItsFrames() {
        StackTraceElement action = frame("com.acme.Flush", "run");

        assertTrue(Stacks.isInSystemExit(new StackTraceElement[] {frame("java.lang.Shutdown", "exit"), action}));
        assertTrue(Stacks.isInSystemExit(new StackTraceElement[] {frame("java.lang.Runtime", "exit"), action}));
        assertFalse(Stacks.isInSystemExit(new StackTraceElement[] {frame("java.lang.Runtime", "halt"), action}));
        assertFalse(Stacks.isInSystemExit(new StackTraceElement[] {frame("com.acme.Runtime", "exit"), action}));
        assertFalse(Stacks.isInSystemExit(new StackTraceElement[] {action}));
        assertFalse(Stacks.isInSystemExit(new StackTraceElement[0]));
    }
}
