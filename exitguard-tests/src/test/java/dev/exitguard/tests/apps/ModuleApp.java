package dev.exitguard.tests.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.testkit.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The application module of the module-path scenarios ({@code src/test/module-app}), compiled once
 * per test run against the very api and core this JVM uses, with {@code --release 17} so that
 * every JDK of the matrix runs it.
 */
public final class ModuleApp {

    public static final String MODULE = "dev.exitguard.tests.modapp";
    public static final String MAIN = "dev.exitguard.tests.modapp.ModuleApp";

    private static Path compiled;

    private ModuleApp() {
    }

    /** The module path of a child: api, core, signals, and the app module. */
    public static synchronized List<Path> modulePath() {
        if (compiled == null) {
            compiled = compile();
        }
        return List.of(ChildJvm.locationOf(ExitAction.class), ChildJvm.locationOf(ExitGuard.class),
                ChildJvm.locationOf(SignalTrigger.class), compiled);
    }

    private static Path compile() {
        Path sources = Path.of(System.getProperty("exitguard.tests.moduleApp", "src/test/module-app"));
        Path out = Path.of(System.getProperty("exitguard.tests.work", "target/child-work")).resolve("module-app");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the module-path scenarios compile their app module, and this JVM has no compiler");
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "--module-path",
                ChildJvm.locationOf(ExitAction.class) + File.pathSeparator + ChildJvm.locationOf(ExitGuard.class)));
        try (Stream<Path> files = Files.walk(sources)) {
            Files.createDirectories(out);
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        assertEquals(0, status, () -> "compiling the app module failed: " + arguments + "\n" + messages);
        return out;
    }
}
