package dev.exitguard.guice;

/** Module builders for in-process tests: never installed in the JVM, nothing discovered. */
final class Modules {

    private Modules() {
    }

    static ExitGuardModule.Builder isolated() {
        return ExitGuardModule.builder()
                .installInJvm(false)
                .discoverActions(false)
                .discoverTriggers(false);
    }
}
