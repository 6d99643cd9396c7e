/**
 * exitguard for Guice 7: {@link dev.exitguard.guice.ExitGuardModule} binds the exit coordinator,
 * runs the {@link dev.exitguard.api.ExitAction}s contributed with a {@code Multibinder} (their
 * dependencies injected) with those {@link java.util.ServiceLoader} finds, arms the triggers when
 * the injector is created, and can close the singletons Guice created.
 */
@SuppressWarnings("requires-transitive-automatic") // Guice 7 has no module descriptor, only a module name.
module dev.exitguard.guice {
    requires transitive dev.exitguard.core;
    requires transitive com.google.guice;
    requires transitive jakarta.inject;
    // Guice 7 is an automatic module and cannot say that it needs Guava; requiring Guava here gets it
    // resolved for applications on the module path, which would otherwise need --add-modules.
    requires com.google.common;

    exports dev.exitguard.guice;
}
