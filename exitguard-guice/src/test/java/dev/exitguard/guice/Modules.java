package dev.exitguard.guice;

import dev.exitguard.core.ExitGuard;
import java.util.function.Consumer;

/** Module builders for in-process tests: never installed in the JVM, nothing discovered. */
final class Modules {

    /** One instance, so that modules built with it are equal, as modules with equal settings are. */
    static final Consumer<ExitGuard.Builder> NOTHING_DISCOVERED = new Consumer<>() {
        @Override
        public void accept(ExitGuard.Builder builder) {
            builder.discoverActions(false).discoverTriggers(false);
        }

        @Override
        public String toString() {
            return "nothing discovered";
        }
    };

    private Modules() {
    }

    static ExitGuardModule.Builder isolated() {
        return ExitGuardModule.builder()
                .installInJvm(false)
                .customize(NOTHING_DISCOVERED);
    }
}
