package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.testkit.Child;
import dev.exitguard.testkit.AppModule;
import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.ChildResult;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.testkit.OnEachJdk;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters on the module path, with no class path at all: the app module requires only the core
 * and the logging API; the adapter joins through service binding, and Log4j (a named module too)
 * creates the adapter's registry from the adapter's component properties. The app ends with
 * {@code System.exit(4)}, where the backend's own hook would race the actions.
 */
class ModulePathLoggingTest {

    private static final Map<String, Path> COMPILED = new HashMap<>();

    @TempDir
    Path dir;

    /** An app module, compiled once per run against the api, core and logging API the children get. */
    private static synchronized Path app(String folder, Path loggingApi) {
        Path compiled = COMPILED.get(folder);
        if (compiled != null) {
            return compiled;
        }
        Path sources = Path.of(System.getProperty("exitguard.tests.moduleApps", "src/test")).resolve(folder);
        Path out = Path.of(System.getProperty("exitguard.tests.work", "target/child-work")).resolve(folder);
        AppModule.compile(sources, out,
                List.of(ChildJvm.locationOf(ExitAction.class), ChildJvm.locationOf(ExitGuard.class), loggingApi));
        COMPILED.put(folder, out);
        return out;
    }

    private ChildResult run(Jdk jdk, List<Path> backend, Path app, String module, String main) throws InterruptedException {
        List<Path> modulePath = new ArrayList<>(List.of(ChildJvm.locationOf(ExitAction.class),
                ChildJvm.locationOf(ExitGuard.class), ChildJvm.locationOf(SignalTrigger.class)));
        modulePath.addAll(backend);
        modulePath.add(app);
        try (Child running = ChildJvm.onModulePath(jdk, modulePath, module, module + "." + main, dir)
                .property("log4j2.configurationFile", dir.resolve("log4j2.xml").toString())
                .property("logback.configurationFile", dir.resolve("logback.xml").toString())
                .start()) {
            running.awaitReady();
            return running.awaitExit();
        }
    }

    @OnEachJdk
    void log4jEveryLineIsInTheFileOnceAfterSystemExit(Jdk jdk) throws Exception {
        Files.writeString(dir.resolve("log4j2.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Configuration status=\"WARN\"><Appenders>"
                + "<File name=\"file\" fileName=\"" + Backend.log(dir) + "\" immediateFlush=\"false\" bufferedIo=\"true\">"
                + "<PatternLayout pattern=\"%m%n\"/></File></Appenders>"
                + "<Loggers><Root level=\"info\"><AppenderRef ref=\"file\"/></Root></Loggers></Configuration>\n");
        ChildResult result = run(jdk, List.of(Jars.of("log4j-api"), Jars.of("log4j-core"), Jars.of("exitguard-log4j2")),
                app("module-log4j-app", Jars.of("log4j-api")), "dev.exitguard.tests.modlog", "ModuleLoggingApp");

        assertEquals(4, result.exitCode(), result::describe);
        LogFile.read(Backend.log(dir)).assertComplete(List.of("slow", "telemetry"), result);
    }

    @OnEachJdk
    void logbackEveryLineIsInTheFileOnceAfterSystemExit(Jdk jdk) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), "<configuration><shutdownHook/>"
                + "<appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\"><file>" + Backend.log(dir) + "</file>"
                + "<immediateFlush>false</immediateFlush><encoder><pattern>%msg%n</pattern></encoder></appender>"
                + "<appender name=\"ASYNC\" class=\"ch.qos.logback.classic.AsyncAppender\"><appender-ref ref=\"FILE\"/>"
                + "<discardingThreshold>0</discardingThreshold></appender>"
                + "<root level=\"INFO\"><appender-ref ref=\"ASYNC\"/></root></configuration>\n");
        ChildResult result = run(jdk, List.of(Jars.of("slf4j-api"), Jars.of("logback-classic"), Jars.of("logback-core"),
                        Jars.of("exitguard-logback")),
                app("module-logback-app", Jars.of("slf4j-api")), "dev.exitguard.tests.modlogback", "ModuleLogbackApp");

        assertEquals(4, result.exitCode(), result::describe);
        LogFile.read(Backend.log(dir)).assertComplete(List.of("slow", "telemetry"), result);
    }
}
