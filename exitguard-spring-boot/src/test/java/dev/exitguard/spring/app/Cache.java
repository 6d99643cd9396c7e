package dev.exitguard.spring.app;

import dev.exitguard.testkit.InChild;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** A bean with a {@code @PreDestroy} method, which Spring calls when the context closes. */
@Component
public class Cache {

    @PreDestroy
    public void close() {
        InChild.record("cache @PreDestroy");
    }
}
