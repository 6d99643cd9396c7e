package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cases of {@link LastLineTest} without the adapter (Log4j's and Logback's own shutdown, the
 * JDK's {@code LogManager}): what the adapter is for. The lines each case loses are a race with
 * the backend's own hook, so they are printed, not asserted: a table in
 * {@code target/surefire-reports/dev.exitguard.tests.logging.WithoutAdapterTest-output.txt}, the
 * figures of docs/testing.md. What holds whatever the race does is asserted: the exit code, and every
 * action ran once (the app records that apart from the log), so a line missing from the file was
 * lost by the logging backend, not by exitguard.
 */
class WithoutAdapterTest {

    private static final Map<String, String> ROWS = new ConcurrentSkipListMap<>();

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            for (ExitPath path : ExitPath.values()) {
                cases.add(Arguments.of(backend, path));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}, without the adapter")
    @MethodSource("cases")
    void linesLostWithoutTheAdapter(Backend backend, ExitPath path) throws InterruptedException {
        ChildResult result = path.run(backend.child(Jdk.current(), dir, false));

        assertEquals(path.exitCode(), result.exitCode(), result::describe);
        result.events().assertEachOnce(path.actionEnds());
        LogFile log = LogFile.read(Backend.log(dir));
        int expected = log.expectedCounts(path.actions()).size();
        ROWS.put(String.format("%02d %02d", backend.ordinal(), path.ordinal()), String.format("| %-20s | %-29s | %3d of %3d | %-6s | %-6s |",
                backend, path, log.missing(path.actions()), expected, log.hasReport() ? "yes" : "LOST",
                log.hasFinalLine() ? "yes" : "LOST"));
    }

    @AfterAll
    static void printTable() {
        System.out.println("Without the adapter, JDK " + Jdk.current().feature() + ", one run each: lines missing from the log file");
        System.out.println("| backend              | exit path                     | lines lost | report | final  |");
        System.out.println("|----------------------|-------------------------------|------------|--------|--------|");
        ROWS.values().forEach(System.out::println);
    }
}
