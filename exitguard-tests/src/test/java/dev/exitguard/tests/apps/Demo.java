package dev.exitguard.tests.apps;

import static org.junit.jupiter.api.Assertions.fail;

import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exitguard demo ({@code exitguard-demo}) as a child JVM: its jar, as the build made it, first
 * on the class path, then its dependencies (which this module's test class path holds).
 */
public final class Demo {

    public static final String MAIN = "dev.exitguard.demo.Main";

    /** The line the demo prints once it takes orders: group 1 is the port, group 2 the journal. */
    public static final Pattern TAKING_ORDERS = Pattern.compile(
            "(?m)^exitguard-demo: taking orders on http://127\\.0\\.0\\.1:(\\d+)/orders, journal (.+)$");

    /** The demo's closing count: groups 1 to 3 are the orders acknowledged, in the journal, and lost. */
    private static final Pattern COUNTS = Pattern.compile(
            "orders: (\\d+) acknowledged, (\\d+) in the journal, (\\d+) lost \\(.*\\)");

    private Demo() {
    }

    /** A child running the demo's {@code main} with these arguments. */
    public static ChildJvm child(Jdk jdk, Path dir, String... arguments) {
        return ChildJvm.onClassPath(jdk, MAIN, dir).classPathFirst(location()).arguments(arguments);
    }

    /**
     * The demo's last line, its closing count, matched: groups 1 to 3 are the orders acknowledged,
     * in the journal, and lost. Null if the last line is something else.
     */
    public static Matcher closingCounts(String stdout) {
        String text = stdout.stripTrailing();
        Matcher counts = COUNTS.matcher(text.substring(text.lastIndexOf('\n') + 1));
        return counts.matches() ? counts : null;
    }

    /** The demo's jar (or classes folder); fails, saying why, if the build did not say where it is. */
    static Path location() {
        String configured = System.getProperty("exitguard.tests.demo");
        if (configured == null || configured.isBlank() || configured.contains("${")) {
            fail("exitguard.tests.demo does not point at the demo's jar (it was [" + configured
                    + "]); the build sets it, see this module's pom, so run the tests with mvn");
        }
        Path location = Path.of(configured);
        if (!Files.exists(location)) {
            fail("exitguard.tests.demo points at " + location + ", which does not exist; build exitguard-demo first");
        }
        return location;
    }
}
