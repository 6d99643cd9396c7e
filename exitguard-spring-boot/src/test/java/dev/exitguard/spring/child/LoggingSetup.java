package dev.exitguard.spring.child;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the shop app logs in a logging scenario: the backend, its configuration (written into the
 * app's folder), and exitguard's adapter for that backend, whose jar a scenario may add.
 */
public enum LoggingSetup {
    /** Spring Boot's default: Logback, with Spring Boot's own file appender ({@code logging.file.name}). */
    LOGBACK_FILE("Logback, Spring Boot's file appender", false, "exitguard.spring.logbackAdapter"),
    /** Logback with an {@code AsyncAppender} in front of a buffered file appender ({@code logging.config}). */
    LOGBACK_ASYNC("Logback, AsyncAppender to a buffered file", false, "exitguard.spring.logbackAdapter"),
    /** {@code spring-boot-starter-log4j2}, with Spring Boot's own file appender ({@code logging.file.name}). */
    LOG4J2_FILE("Log4j 2 (spring-boot-starter-log4j2), Spring Boot's file appender", true, "exitguard.spring.log4j2Adapter"),
    /** Log4j 2 with an {@code <Async>} appender in front of a buffered file appender ({@code logging.config}). */
    LOG4J2_ASYNC("Log4j 2, <Async> appender to a buffered file", true, "exitguard.spring.log4j2Adapter");

    private final String description;
    private final boolean log4j2;
    private final String adapterProperty;

    LoggingSetup(String description, boolean log4j2, String adapterProperty) {
        this.description = description;
        this.log4j2 = log4j2;
        this.adapterProperty = adapterProperty;
    }

    /** The app's class path on {@code boot}, with or without exitguard's adapter for this backend. */
    public List<Path> classPath(Boot boot, boolean adapter) {
        return boot.classPath(log4j2, adapter ? List.of(Path.of(Boot.required(adapterProperty))) : List.of());
    }

    /** Writes the configuration this backend needs into {@code dir}; returns the app's arguments that select it. */
    public List<String> configure(Path dir, Path log) {
        if (this == LOGBACK_FILE || this == LOG4J2_FILE) {
            return List.of("--logging.file.name=" + log);
        }
        Path config = dir.resolve(this == LOGBACK_ASYNC ? "logback-async.xml" : "log4j2-async.xml");
        try {
            Files.writeString(config, this == LOGBACK_ASYNC ? logbackAsync(log) : log4j2Async(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--logging.config=" + config);
    }

    /** Nothing reaches the file before Log4j is stopped, or its buffer fills: the stop is what writes the end. */
    private static String log4j2Async(Path log) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <File name="file" fileName="%s" immediateFlush="false" bufferedIo="true">
                      <PatternLayout pattern="%%d{HH:mm:ss.SSS} %%-5level [%%t] %%logger : %%m%%n"/>
                    </File>
                    <Async name="async"><AppenderRef ref="file"/></Async>
                  </Appenders>
                  <Loggers>
                    <Root level="info"><AppenderRef ref="async"/></Root>
                  </Loggers>
                </Configuration>
                """.formatted(log);
    }

    private static String logbackAsync(Path log) {
        // Logback's AsyncAppender drops INFO and below once its queue is 80 % full unless told not to.
        return """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <immediateFlush>false</immediateFlush>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level [%%thread] %%logger : %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="ASYNC" class="ch.qos.logback.classic.AsyncAppender">
                    <appender-ref ref="FILE"/>
                    <discardingThreshold>0</discardingThreshold>
                  </appender>
                  <root level="INFO"><appender-ref ref="ASYNC"/></root>
                </configuration>
                """.formatted(log);
    }

    @Override
    public String toString() {
        return description;
    }
}
