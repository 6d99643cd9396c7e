package dev.exitguard.spring.app;

import dev.exitguard.testkit.InChild;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A {@code SmartLifecycle} bean. With {@code app.hang-on-stop=true} its {@code stop()} never returns,
 * whatever interrupts it: a stop that hangs, which Spring's own shutdown waits for forever.
 */
@Component
public class Worker implements SmartLifecycle {

    private final boolean hangOnStop;
    private volatile boolean running;

    public Worker(@Value("${app.hang-on-stop:false}") boolean hangOnStop) {
        this.hangOnStop = hangOnStop;
    }

    @Override
    public void start() {
        running = true;
        InChild.record("worker started");
    }

    @Override
    public void stop() {
        InChild.record("worker stop");
        if (hangOnStop) {
            hang();
        }
        running = false;
    }

    private static void hang() {
        Object never = new Object();
        while (true) {
            synchronized (never) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    InChild.record("worker stop interrupted, and goes on waiting");
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
