package dev.exitguard.api;

import com.google.common.testing.NullPointerTester;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Every public method of the API refuses null at once, as Java's conventions (and Guava's tester) want. */
class PublicApiNullTest {

    private final NullPointerTester tester = new NullPointerTester()
            .setDefault(String.class, "TERM")
            .setDefault(ExitReason.Kind.class, ExitReason.Kind.SIGNAL)
            .setDefault(OptionalInt.class, OptionalInt.of(143));

    @Test
    void exitReason() {
        tester.testAllPublicStaticMethods(ExitReason.class);
        tester.testAllPublicConstructors(ExitReason.class);
        tester.testAllPublicInstanceMethods(ExitReason.signal("TERM", 15));
        tester.testAllPublicInstanceMethods(ExitReason.programmatic(3));
        tester.testAllPublicInstanceMethods(ExitReason.jvmShutdown("System.exit"));
    }

    @Test
    void exitPhase() {
        tester.testAllPublicStaticMethods(ExitPhase.class);
    }
}
