package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** Test actions with every SPI property given explicitly. */
final class Actions {

    private Actions() {
    }

    interface Body {
        void run(ExitContext context) throws Exception;
    }

    /** An action whose SPI values are its components, as given: validation tests hand it bad ones too. */
    record Given(String name, int phase, Set<String> after, Optional<Duration> timeout, Body body) implements ExitAction {
        @Override
        public void run(ExitContext context) throws Exception {
            body.run(context);
        }

        /** Each action is itself, as a registered one is: two alike are still two. */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "test action [" + name + "]";
        }
    }

    static ExitAction action(String name, int phase, Set<String> after, Duration timeout, Body body) {
        return new Given(name, phase, after, Optional.ofNullable(timeout), body);
    }

    static ExitAction action(String name, int phase, Body body, String... after) {
        return action(name, phase, Set.of(after), null, body);
    }

    /** An action that counts {@code running} down, then waits for {@code release}. */
    static ExitAction blocking(String name, int phase, CountDownLatch running, CountDownLatch release) {
        return action(name, phase, c -> {
            running.countDown();
            release.await();
        });
    }

    static ExitAction noop(String name, int phase, String... after) {
        return action(name, phase, c -> { }, after);
    }
}
