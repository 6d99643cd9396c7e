package dev.exitguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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

/**
 * Compiles the sources of an application module that a child JVM runs on the module path
 * ({@code -p ... -m}), with this JVM's compiler and {@code --release 17}, so that every JDK of the
 * matrix runs it.
 *
 * <p>A test that calls it fails, with javac's messages and arguments, when this JVM has no compiler
 * or the sources do not compile. Not thread-safe for the same {@code out}: callers compile once,
 * under their own lock.
 *
 * @since 0.1
 */
public final class AppModule {

    private AppModule() {
    }

    /**
     * Compiles every {@code .java} file below {@code sources} into {@code out} (created if absent)
     * against {@code modulePath}, and returns {@code out}.
     *
     * @throws UncheckedIOException if the sources cannot be listed or {@code out} cannot be created
     */
    public static Path compile(Path sources, Path out, List<Path> modulePath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "compiling the app module " + sources + " needs a compiler, and this JVM has none");
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "--module-path",
                modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
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
