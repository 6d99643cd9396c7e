package dev.exitguard.tests.apps;

import dev.exitguard.core.ExitGuard;
import dev.exitguard.testkit.InChild;

/** Everything from ServiceLoader: {@code ExitGuard.install()}, nothing by hand. */
public final class ProviderApp {

    private ProviderApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard.install();
        InChild.ready();
        InChild.waitForever();
    }
}
