package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Describing what someone else's code threw, when its own methods throw too. */
class FailuresTest {

    @Test
    void anOrdinaryFailureIsItsToString() {
        assertEquals("java.io.IOException: disk full", Failures.describe(new java.io.IOException("disk full")));
        assertEquals("java.lang.IllegalStateException", Failures.describe(new IllegalStateException()));
    }

    @Test
    void aToStringThatThrowsFallsBackToTheClassAndTheMessage() {
        assertEquals(ToStringThrows.class.getName() + ": still a message (its toString() threw"
                + " java.lang.UnsupportedOperationException)", Failures.describe(new ToStringThrows()));
    }

    @Test
    void whenGetMessageThrowsTooOnlyTheClassIsLeft() {
        assertEquals(NothingWorks.class.getName() + " (its toString() threw java.lang.UnsupportedOperationException,"
                + " and its getMessage() threw java.lang.IllegalStateException)", Failures.describe(new NothingWorks()));
    }

    /** Throwable's own toString() calls getLocalizedMessage(), so a getMessage() that throws breaks it too. */
    @Test
    void aGetMessageThatThrowsBreaksTheDefaultToStringAndIsDescribedAnyway() {
        assertEquals(MessageThrows.class.getName() + " (its toString() threw java.lang.IllegalStateException, and"
                + " its getMessage() threw java.lang.IllegalStateException)", Failures.describe(new MessageThrows()));
    }

    @Test
    void aToStringThatRecursesUntilTheStackOverflowsIsDescribed() {
        assertEquals(Recursing.class.getName() + " (its toString() threw java.lang.StackOverflowError)",
                Failures.describe(new Recursing()));
    }

    @Test
    void aToStringThatReturnsNullSaysSo() {
        assertEquals(NullToString.class.getName() + ": kept (its toString() returned null)",
                Failures.describe(new NullToString()));
    }

    @Test
    void whereNamesTheFrameThatThrewAndNothingWhenItCannot() {
        assertTrue(Failures.where(new IllegalStateException()).startsWith(" (at dev.exitguard.core.FailuresTest."),
                Failures.where(new IllegalStateException()));
        assertEquals("", Failures.where(new NoStack()));
        assertEquals("", Failures.where(new StackThrows()));
    }

    static final class ToStringThrows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ToStringThrows() {
            super("still a message");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException();
        }
    }

    static final class NothingWorks extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException();
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException();
        }
    }

    static final class MessageThrows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException();
        }
    }

    static final class Recursing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "again: " + toString();
        }
    }

    static final class NullToString extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NullToString() {
            super("kept");
        }

        @Override
        public String toString() {
            return null;
        }
    }

    static final class NoStack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoStack() {
            super("no stack", null, false, false);
        }
    }

    static final class StackThrows extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException();
        }
    }
}
