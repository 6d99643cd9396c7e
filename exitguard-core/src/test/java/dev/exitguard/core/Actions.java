package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Test actions with every SPI property given explicitly. */
final class Actions {

    private Actions() {
    }

    interface Body {
        void run(ExitContext context) throws Exception;
    }

    static ExitAction action(String name, int phase, Set<String> after, Duration timeout, Body body) {
        return new ExitAction() {
            @Override
            public void run(ExitContext context) throws Exception {
                body.run(context);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public int phase() {
                return phase;
            }

            @Override
            public Set<String> after() {
                return after;
            }

            @Override
            public Optional<Duration> timeout() {
                return Optional.ofNullable(timeout);
            }

            @Override
            public String toString() {
                return "test action [" + name + "]";
            }
        };
    }

    static ExitAction action(String name, int phase, Body body, String... after) {
        return action(name, phase, Set.of(after), null, body);
    }

    static ExitAction noop(String name, int phase, String... after) {
        return action(name, phase, c -> { }, after);
    }
}
