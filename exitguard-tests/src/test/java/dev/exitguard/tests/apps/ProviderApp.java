package dev.exitguard.tests.apps;

import dev.exitguard.core.ExitGuard;

/** Everything from ServiceLoader: {@code ExitGuard.install()}, nothing by hand. */
public final class ProviderApp {

    private ProviderApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        ExitGuard.install();
        AppSupport.ready();
        AppSupport.waitForever();
    }
}
