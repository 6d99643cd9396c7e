package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.tests.apps.LoggingApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters where the application set its backend's shutdown up itself, and where exitguard is
 * never installed: the application's choice is kept and exitguard says once what it cannot promise;
 * without a guard, the backend stops as it would without the adapter.
 */
class BackendSetupTest {

    /** Named, not referenced: its class extends Log4j's, which only the children have. */
    private static final String APP_REGISTRY = "dev.exitguard.tests.apps.logging.AppRegistry";

    @TempDir
    Path dir;

    private Path log() {
        return Backend.log(dir);
    }

    private LogFile read() {
        return LogFile.read(log());
    }

    /** Log4j writing each line at once, so that what is logged is on disk even if nothing stops Log4j. */
    private String log4jXml(String configurationAttributes) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Configuration status=\"WARN\"" + configurationAttributes + ">\n"
                + "  <Appenders><File name=\"file\" fileName=\"" + log() + "\" immediateFlush=\"true\">"
                + "<PatternLayout pattern=\"%m%n\"/></File></Appenders>\n"
                + "  <Loggers><Root level=\"info\"><AppenderRef ref=\"file\"/></Root></Loggers>\n"
                + "</Configuration>\n";
    }

    private ChildJvm log4j(String xml) throws IOException {
        Path configuration = Files.writeString(dir.resolve("log4j2-immediate.xml"), xml);
        return Backend.LOG4J_FILE.child(Jdk.current(), dir, true)
                .property("log4j2.configurationFile", configuration.toString());
    }

    private static long linesContaining(LogFile log, String text) {
        return log.lines().stream().filter(line -> line.contains(text)).count();
    }

    /** The actions' lines reach Log4j on a signal whatever Log4j's hook does: they are logged before the JVM's shutdown. */
    private void assertActionsLogged(LogFile log, ChildResult result) {
        for (String action : LoggingApp.ACTIONS) {
            assertTrue(log.lines().contains(LoggingApp.line(action, LoggingApp.LINES)), () -> action + "\n" + result.describe());
        }
    }

    @Test
    void log4jWithItsShutdownHookTurnedOffInTheConfigurationIsLeftAloneWithOneWarning() throws Exception {
        ChildResult result = ExitPath.SIGTERM.run(log4j(log4jXml(" shutdownHook=\"disable\"")));

        assertEquals(143, result.exitCode(), result::describe);
        LogFile log = read();
        assertEquals(1, linesContaining(log, "turns Log4j's shutdown hook off (shutdownHook=\"disable\"), so exitguard"
                + " leaves stopping Log4j to the application"), () -> String.join("\n", log.lines()) + result.describe());
        assertActionsLogged(log, result);
    }

    @Test
    void log4jWithItsShutdownHookTurnedOffByPropertyIsLeftAloneWithOneWarning() throws Exception {
        ChildResult result = ExitPath.SIGTERM.run(log4j(log4jXml("")).property("log4j2.shutdownHookEnabled", "false"));

        assertEquals(143, result.exitCode(), result::describe);
        LogFile log = read();
        assertEquals(1, linesContaining(log, "Log4j's shutdown hook is turned off (log4j2.shutdownHookEnabled=false,"),
                () -> String.join("\n", log.lines()) + result.describe());
        assertActionsLogged(log, result);
    }

    @Test
    void anApplicationsOwnRegistryNamedByPropertyKeepsLog4jsShutdownWithOneWarning() throws Exception {
        ChildResult result = ExitPath.SIGTERM.run(log4j(log4jXml(""))
                .property("log4j2.shutdownCallbackRegistry", APP_REGISTRY));

        assertApplicationsRegistryKept(result);
    }

    @Test
    void anApplicationsOwnRegistryInItsComponentPropertiesKeepsLog4jsShutdownWhateverTheClassPathOrder()
            throws Exception {
        // The legacy spelling, which Log4j ranks below the adapter's log4j2.* key whatever the order:
        // the adapter's registry is created, and must hand everything over to the application's.
        Path folder = Files.createDirectories(dir.resolve("app-properties"));
        Files.writeString(folder.resolve("log4j2.component.properties"),
                "log4j.shutdownCallbackRegistry=" + APP_REGISTRY + "\n");
        ChildResult result = ExitPath.SIGTERM.run(log4j(log4jXml("")).classPathFirst(folder));

        assertApplicationsRegistryKept(result);
    }

    private void assertApplicationsRegistryKept(ChildResult result) {
        assertEquals(143, result.exitCode(), result::describe);
        assertEquals(1, result.events().texts().stream()
                .filter(text -> text.startsWith("app registry got Shutdown callback for LoggerContext")).count(),
                result::describe);
        LogFile log = read();
        assertEquals(1, linesContaining(log, "Log4j's shutdown callbacks go to the application's registry "
                + APP_REGISTRY), () -> String.join("\n", log.lines()) + result.describe());
        assertActionsLogged(log, result);
    }

    @Test
    void log4jStillStopsAtExitWhenExitguardIsNeverInstalled() throws InterruptedException {
        // The file appender buffers: its line reaches the disk only if Log4j is stopped.
        ChildResult result = ExitPath.SYSTEM_EXIT.run(Backend.LOG4J_FILE.child(Jdk.current(), dir, true)
                .property("app.install", "false"));

        assertEquals(4, result.exitCode(), result::describe);
        assertEquals(List.of(LoggingApp.STARTED), read().lines(), result::describe);
    }

    @Test
    void logbacksOwnShutdownHookStaysWhenExitguardIsNeverInstalled() throws InterruptedException {
        ChildResult result = ExitPath.SYSTEM_EXIT.run(Backend.LOGBACK_FILE.child(Jdk.current(), dir, true)
                .property("app.install", "false"));

        assertEquals(4, result.exitCode(), result::describe);
        assertEquals(List.of(LoggingApp.STARTED), read().lines(), result::describe);
    }

    @Test
    void exitLogManagerClosesTheHandlersAtExitWhenExitguardIsNeverInstalled() throws InterruptedException {
        ChildResult result = ExitPath.SYSTEM_EXIT.run(Backend.JUL_FILE.child(Jdk.current(), dir, true)
                .property("app.install", "false"));

        assertEquals(4, result.exitCode(), result::describe);
        assertEquals(List.of(LoggingApp.STARTED), read().lines(), result::describe);
        assertFalse(Files.exists(dir.resolve("app.log.lck")), "the FileHandler was closed\n" + result.describe());
    }
}
