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
    LOG4J2_FILE("Log4j 2 (spring-boot-starter-log4j2), Spring Boot's file appender", true, "exitguard.spring.log4j2Adapter");

    private final String description;
    private final boolean log4j2;
    private final String adapterProperty;

    LoggingSetup(String description, boolean log4j2, String adapterProperty) {
        this.description = description;
        this.log4j2 = log4j2;
        this.adapterProperty = adapterProperty;
    }

    /** The app's class path on {@code boot}, with or without exitguard's adapter for this backend. */
    public List<String> classPath(Boot boot, boolean adapter) {
        return boot.classPath(log4j2, adapter ? List.of(Boot.required(adapterProperty)) : List.of());
    }

    /** Writes the configuration this backend needs into {@code dir}; returns the app's arguments that select it. */
    public List<String> configure(Path dir, Path log) {
        if (this != LOGBACK_ASYNC) {
            return List.of("--logging.file.name=" + log);
        }
        // Logback's AsyncAppender drops INFO and below once its queue is 80 % full unless told not to.
        String xml = """
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
        Path config = dir.resolve("logback-async.xml");
        try {
            Files.writeString(config, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--logging.config=" + config);
    }

    @Override
    public String toString() {
        return description;
    }
}
