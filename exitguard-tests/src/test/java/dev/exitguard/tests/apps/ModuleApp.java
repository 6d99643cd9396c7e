package dev.exitguard.tests.apps;

import dev.exitguard.api.ExitAction;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.testkit.AppModule;
import dev.exitguard.testkit.ChildJvm;
import java.nio.file.Path;
import java.util.List;

/**
 * The application module of the module-path scenarios ({@code src/test/module-app}), compiled once
 * per test run against the very api and core this JVM uses, with {@code --release 17} so that
 * every JDK of the matrix runs it.
 */
public final class ModuleApp {

    public static final String MODULE = "dev.exitguard.tests.modapp";
    public static final String MAIN = "dev.exitguard.tests.modapp.ModuleApp";

    private static Path compiled;

    private ModuleApp() {
    }

    /** The module path of a child: api, core, signals, and the app module. */
    public static synchronized List<Path> modulePath() {
        if (compiled == null) {
            compiled = compile();
        }
        return List.of(ChildJvm.locationOf(ExitAction.class), ChildJvm.locationOf(ExitGuard.class),
                ChildJvm.locationOf(SignalTrigger.class), compiled);
    }

    private static Path compile() {
        Path sources = Path.of(System.getProperty("exitguard.tests.moduleApp", "src/test/module-app"));
        Path out = Path.of(System.getProperty("exitguard.tests.work", "target/child-work")).resolve("module-app");
        return AppModule.compile(sources, out,
                List.of(ChildJvm.locationOf(ExitAction.class), ChildJvm.locationOf(ExitGuard.class)));
    }
}
