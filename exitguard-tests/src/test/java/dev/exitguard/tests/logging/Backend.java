package dev.exitguard.tests.logging;

import dev.exitguard.testkit.ChildJvm;
import dev.exitguard.testkit.Jdk;
import dev.exitguard.tests.apps.LoggingApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real logging backend, configured as an application would, writing to {@code app.log} in the
 * child's folder: with its exitguard adapter or without it.
 *
 * <p>The file appenders buffer (no flush per line), so a line is on disk only once the backend has
 * been stopped or its buffer filled: a backend that is never stopped loses what it holds, and the
 * tests see it. The exit report reaches the backend through {@code System.Logger} where the app has
 * the backend's bridge ({@code log4j-jpl}, {@code slf4j-jdk-platform-logging}), and through the
 * adapter's own route where it has not.
 */
enum Backend {
    LOG4J_FILE("log4j", "Log4j 2, buffered file appender, report through log4j-jpl") {
        @Override
        void configure(ChildJvm child, Path log, boolean adapter) {
            log4j(child, adapter, true);
            child.property("log4j2.configurationFile", write(child, "log4j2.xml", log4jXml(log, false)));
        }
    },
    LOG4J_ASYNC_APPENDER("log4j", "Log4j 2, <Async> appender, report through the adapter") {
        @Override
        void configure(ChildJvm child, Path log, boolean adapter) {
            log4j(child, adapter, false);
            child.property("log4j2.configurationFile", write(child, "log4j2.xml", log4jXml(log, true)));
        }
    },
    LOG4J_ASYNC_LOGGERS("log4j", "Log4j 2, every logger asynchronous (LMAX Disruptor), report through log4j-jpl") {
        @Override
        void configure(ChildJvm child, Path log, boolean adapter) {
            log4j(child, adapter, true);
            child.classPathLast(Jars.of("disruptor"));
            child.property("log4j2.contextSelector", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
            child.property("log4j2.configurationFile", write(child, "log4j2.xml", log4jXml(log, false)));
        }
    },
    LOGBACK_FILE("slf4j", "Logback, buffered file appender, <shutdownHook/>, report through slf4j-jdk-platform-logging") {
        @Override
        void configure(ChildJvm child, Path log, boolean adapter) {
            logback(child, adapter, true);
            child.property("logback.configurationFile", write(child, "logback.xml", logbackXml(log, false)));
        }
    },
    LOGBACK_ASYNC("slf4j", "Logback, AsyncAppender, no shutdown hook, report through the adapter") {
        @Override
        void configure(ChildJvm child, Path log, boolean adapter) {
            logback(child, adapter, false);
            child.property("logback.configurationFile", write(child, "logback.xml", logbackXml(log, true)));
        }
    },
    JUL_FILE("jul", "java.util.logging, FileHandler, ExitLogManager") {
        @Override
        void configure(ChildJvm child, Path log, boolean adapter) {
            if (adapter) {
                child.property("java.util.logging.manager", "dev.exitguard.core.ExitLogManager");
            }
            child.property("java.util.logging.config.file", write(child, "logging.properties", String.join("\n",
                    "handlers=java.util.logging.FileHandler",
                    ".level=INFO",
                    "java.util.logging.FileHandler.pattern=" + log,
                    "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
                    "java.util.logging.SimpleFormatter.format=%5$s%n",
                    "")));
        }
    };

    private final String api;
    private final String description;

    Backend(String api, String description) {
        this.api = api;
        this.description = description;
    }

    /** Sets the child up to log to {@code log} through this backend, with its adapter or without. */
    abstract void configure(ChildJvm child, Path log, boolean adapter);

    /** A child running {@link LoggingApp} on {@code jdk} in {@code dir}, logging through this backend to {@code app.log}. */
    ChildJvm child(Jdk jdk, Path dir, boolean adapter) {
        ChildJvm child = ChildJvm.onClassPath(jdk, LoggingApp.class, dir).property("app.log", api);
        configure(child, log(dir), adapter);
        return child;
    }

    /** Where the child's backend writes. */
    static Path log(Path dir) {
        return dir.resolve("app.log");
    }

    String description() {
        return description;
    }

    /** The logging API an app writes through to reach this backend ({@code app.log}). */
    String api() {
        return api;
    }

    private static void log4j(ChildJvm child, boolean adapter, boolean jpl) {
        child.classPathLast(Jars.of("log4j-api")).classPathLast(Jars.of("log4j-core"));
        if (jpl) {
            child.classPathLast(Jars.of("log4j-jpl"));
        }
        if (adapter) {
            child.classPathLast(Jars.of("exitguard-log4j2"));
        }
    }

    private static void logback(ChildJvm child, boolean adapter, boolean platformLogging) {
        child.classPathLast(Jars.of("slf4j-api")).classPathLast(Jars.of("logback-classic"))
                .classPathLast(Jars.of("logback-core"));
        if (platformLogging) {
            child.classPathLast(Jars.of("slf4j-jdk-platform-logging"));
        }
        if (adapter) {
            child.classPathLast(Jars.of("exitguard-logback"));
        }
    }

    private static String log4jXml(Path log, boolean asyncAppender) {
        String file = "    <File name=\"file\" fileName=\"" + log + "\" immediateFlush=\"false\" bufferedIo=\"true\">\n"
                + "      <PatternLayout pattern=\"%m%n\"/>\n"
                + "    </File>\n";
        String async = asyncAppender ? "    <Async name=\"async\"><AppenderRef ref=\"file\"/></Async>\n" : "";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Configuration status=\"WARN\">\n"
                + "  <Appenders>\n" + file + async + "  </Appenders>\n"
                + "  <Loggers>\n"
                + "    <Root level=\"info\"><AppenderRef ref=\"" + (asyncAppender ? "async" : "file") + "\"/></Root>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n";
    }

    private static String logbackXml(Path log, boolean async) {
        String file = "  <appender name=\"FILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                + "    <file>" + log + "</file>\n"
                + "    <immediateFlush>false</immediateFlush>\n"
                + "    <encoder><pattern>%msg%n</pattern></encoder>\n"
                + "  </appender>\n";
        // Logback's AsyncAppender drops INFO and below once its queue is 80 % full unless told not to:
        // a loss by design, not at exit, so it is turned off here.
        String asyncAppender = async ? "  <appender name=\"ASYNC\" class=\"ch.qos.logback.classic.AsyncAppender\">\n"
                + "    <appender-ref ref=\"FILE\"/>\n"
                + "    <discardingThreshold>0</discardingThreshold>\n"
                + "  </appender>\n" : "";
        return "<configuration>\n"
                + (async ? "" : "  <shutdownHook/>\n")
                + file + asyncAppender
                + "  <root level=\"INFO\"><appender-ref ref=\"" + (async ? "ASYNC" : "FILE") + "\"/></root>\n"
                + "</configuration>\n";
    }

    private static String write(ChildJvm child, String name, String text) {
        Path file = child.dir().resolve(name);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    @Override
    public String toString() {
        return name();
    }
}
