package dev.exitguard.tests.apps.logging;

import dev.exitguard.testkit.InChild;
import org.apache.logging.log4j.core.util.Cancellable;
import org.apache.logging.log4j.core.util.DefaultShutdownCallbackRegistry;

/** An application's own Log4j shutdown callback registry: Log4j's default, noting each callback it is given. */
public final class AppRegistry extends DefaultShutdownCallbackRegistry {

    @Override
    public Cancellable addShutdownCallback(Runnable callback) {
        InChild.record("app registry got " + callback);
        return super.addShutdownCallback(callback);
    }
}
