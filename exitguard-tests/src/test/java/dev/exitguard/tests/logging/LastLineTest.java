package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.TestJdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The last line is never lost: with the adapter, every backend, every exit path. A child whose
 * actions log in three phases (one of them slow) ends by the path; once it is gone, its log file
 * must hold every action line, the exit report's first line and the final line, each exactly once,
 * the final line last, and the exit code must be the path's.
 *
 * <p>Each case runs {@code exitguard.tests.logging.runs} times (2 by default), taking the JDKs the suite
 * found in turn (JDK 17 and JDK 25 where both are there); {@code -Dexitguard.tests.logging.runs=20} is the
 * soak of docs/testing.md.
 */
class LastLineTest {

    @TempDir
    Path dir;

    static int runs() {
        return Integer.getInteger("exitguard.tests.logging.runs", 2);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<Jdk> jdks = TestJdks.found();
        for (int run = 1; run <= runs(); run++) {
            Jdk jdk = jdks.get((run - 1) % jdks.size());
            for (Backend backend : Backend.values()) {
                for (ExitPath path : ExitPath.values()) {
                    cases.add(Arguments.of(backend, path, jdk, run));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} on {2}, run {3}")
    @MethodSource("cases")
    void everyLineIsInTheFileOnce(Backend backend, ExitPath path, Jdk jdk, int run) throws InterruptedException {
        ChildResult result = path.run(backend.child(jdk, dir, true));

        assertEquals(path.exitCode(), result.exitCode(), result::describe);
        result.events().assertEachOnce(path.actionEnds());
        LogFile.read(Backend.log(dir)).assertComplete(path.actions(), result);
        if (backend == Backend.JUL_FILE) {
            // The FileHandler was closed (by exitguard, last), which removes its lock file.
            assertFalse(Files.exists(dir.resolve("app.log.lck")), result::describe);
        }
    }
}
