package dev.exitguard.tests.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.tests.harness.Child;
import dev.exitguard.tests.harness.ChildJvm;
import dev.exitguard.tests.harness.ChildResult;
import dev.exitguard.tests.harness.Jdk;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * exitguard-log4j2 on the module path, with no class path at all: the app module requires only the
 * core and Log4j's API, the adapter joins through service binding, and Log4j (a named module too)
 * creates the adapter's registry from the adapter's component properties. The app ends with
 * {@code System.exit(4)}, where Log4j's own hook would race the actions.
 */
class ModulePathLog4jTest {

    private static final String MODULE = "dev.exitguard.tests.modlog";

    private static Path compiled;

    @TempDir
    Path dir;

    /** The app module, compiled once per run against the api, core and Log4j API the children get. */
    private static synchronized Path app() {
        if (compiled != null) {
            return compiled;
        }
        Path sources = Path.of(System.getProperty("exitguard.tests.moduleLog4jApp", "src/test/module-log4j-app"));
        Path out = Path.of(System.getProperty("exitguard.tests.work", "target/child-work")).resolve("module-log4j-app");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "this scenario compiles its app module, and this JVM has no compiler");
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "--module-path",
                Stream.of(ChildJvm.locationOf(ExitAction.class), ChildJvm.locationOf(ExitGuard.class), Jars.of("log4j-api"))
                        .map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        try (Stream<Path> files = Files.walk(sources)) {
            Files.createDirectories(out);
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        assertEquals(0, status, () -> "compiling the app module failed: " + arguments + "\n" + messages);
        compiled = out;
        return compiled;
    }

    @ParameterizedTest
    @EnumSource(Jdk.class)
    void everyLineIsInTheFileOnceAfterSystemExit(Jdk jdk) throws Exception {
        Path config = Files.writeString(dir.resolve("log4j2.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Configuration status=\"WARN\"><Appenders>"
                + "<File name=\"file\" fileName=\"" + Backend.log(dir) + "\" immediateFlush=\"false\" bufferedIo=\"true\">"
                + "<PatternLayout pattern=\"%m%n\"/></File></Appenders>"
                + "<Loggers><Root level=\"info\"><AppenderRef ref=\"file\"/></Root></Loggers></Configuration>\n");
        List<Path> modulePath = List.of(ChildJvm.locationOf(ExitAction.class), ChildJvm.locationOf(ExitGuard.class),
                ChildJvm.locationOf(SignalTrigger.class), Jars.of("log4j-api"), Jars.of("log4j-core"),
                Jars.of("exitguard-log4j2"), app());
        ChildJvm child = ChildJvm.onModulePath(jdk, modulePath, MODULE, MODULE + ".ModuleLoggingApp", dir)
                .property("log4j2.configurationFile", config.toString());
        ChildResult result;
        try (Child running = child.start()) {
            running.awaitReady();
            result = running.awaitExit(ExitPath.EXIT_BOUND);
        }

        assertEquals(4, result.exitCode(), result::describe);
        LogFile.read(Backend.log(dir)).assertComplete(List.of("slow", "telemetry"), result);
    }
}
