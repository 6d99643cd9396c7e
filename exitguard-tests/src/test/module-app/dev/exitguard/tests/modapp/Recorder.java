package dev.exitguard.tests.modapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends {@code <System.nanoTime()> <text>} to the events file named by {@code app.events}. */
final class Recorder {

    private Recorder() {
    }

    static synchronized void record(String text) {
        try {
            Files.writeString(Path.of(System.getProperty("app.events")), System.nanoTime() + " " + text + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
