package dev.exitguard.guice;

import static dev.exitguard.testkit.InChild.record;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.name.Names;
import com.google.inject.spi.ProvisionListener;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.signals.SignalTrigger;
import dev.exitguard.testkit.InChild;
import java.util.List;

/**
 * The program {@link SignalDuringCreationTest} runs in a JVM of its own and sends SIGTERM while it
 * creates its injector: {@value #SINGLETONS} eager, closeable singletons in a chain, each after the
 * one before it, created a few milliseconds apart; with a guard of its own, the first
 * {@value #BEFORE_THE_GUARD} of them before the guard is installed (an action of the application needs
 * one), the rest after. With the argument {@code join},
 * {@code main} installs a guard of its own first, whose signal trigger records {@code exit requested}
 * before it asks for the exit, and the injector, its singletons bound before the module, joins it.
 *
 * <p>It records ({@link InChild#record}) {@code provisioned rN} from a provision listener that
 * wraps the module's (so it is written after the module has taken the singleton in), {@code close rN},
 * {@code before-release} from an action in {@code DEFAULT} (so every singleton provisioned before it
 * was in the list when the closing began), {@code created} once the injector exists.
 */
public final class CreationSignalMain {

    static final int SINGLETONS = 60;
    static final int BEFORE_THE_GUARD = 10;

    private CreationSignalMain() {
    }

    /** One singleton of the chain. */
    static final class Resource implements AutoCloseable {
        final int index;

        Resource(int index) {
            this.index = index;
        }

        @Override
        public void close() {
            record("close r" + index);
        }
    }

    private static Key<Resource> key(int index) {
        return Key.get(Resource.class, Names.named("r" + index));
    }

    /** Creates its singleton after the one before it, taking a little time, as real resources do. */
    private static final class Creates implements Provider<Resource> {
        private final int index;
        private final Provider<Resource> previous;

        Creates(int index, Provider<Resource> previous) {
            this.index = index;
            this.previous = previous;
        }

        @Override
        public Resource get() {
            if (previous != null) {
                previous.get();
            }
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Resource(index);
        }
    }

    /** Marks the end of DEFAULT: RELEASE, and the closing of singletons, start after it. */
    static final class BeforeRelease implements ExitAction {
        @com.google.inject.Inject
        BeforeRelease() {
        }

        /** Needs a singleton, so that the guard is created after the first ones. */
        @com.google.inject.Inject
        void needs(@com.google.inject.name.Named("r" + (BEFORE_THE_GUARD - 1)) Resource resource) {
        }

        @Override
        public void run(ExitContext context) {
            record("before-release");
        }

        @Override
        public String name() {
            return "before-release";
        }

        @Override
        public int phase() {
            return ExitPhase.DEFAULT;
        }
    }

    /** Records each singleton after the module's own listener has seen it. */
    private static Module recording() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bindListener(new AbstractMatcher<com.google.inject.Binding<?>>() {
                    @Override
                    public boolean matches(com.google.inject.Binding<?> binding) {
                        return binding.getKey().getTypeLiteral().getRawType() == Resource.class;
                    }
                }, new ProvisionListener() {
                    @Override
                    public <T> void onProvision(ProvisionInvocation<T> provision) {
                        Resource resource = (Resource) provision.provision();
                        record("provisioned r" + resource.index);
                    }
                });
            }
        };
    }

    private static Module chain(boolean join) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Provider<Resource> previous = null;
                for (int i = 0; i < SINGLETONS; i++) {
                    bind(key(i)).toProvider(new Creates(i, previous)).asEagerSingleton();
                    previous = getProvider(key(i));
                }
                if (!join) {
                    ExitGuardModule.actions(binder()).addBinding().to(BeforeRelease.class);
                }
            }
        };
    }

    /** The real signal trigger, recording {@code exit requested} before it asks for the exit. */
    static final class RecordingSignals implements ExitTrigger {
        private final SignalTrigger signals = new SignalTrigger();

        @Override
        public void arm(ExitRequests requests) {
            signals.arm(new ExitRequests() {
                @Override
                public void requestExit(ExitReason reason) {
                    record("exit requested");
                    requests.requestExit(reason);
                }
            });
        }

        @Override
        public void disarm() {
            signals.disarm();
        }

        @Override
        public void actionsFinished(ExitReason reason) {
            signals.actionsFinished(reason);
        }

        @Override
        public String name() {
            return signals.name();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        boolean join = args.length > 0 && args[0].equals("join");
        if (join) {
            ExitGuard.builder().discoverTriggers(false).trigger(new RecordingSignals()).action(new BeforeRelease())
                    .install();
        }
        // Guice's own classes load first, so that the signal lands in this injector's creation rather than in class loading.
        Guice.createInjector().getInstance(Object.class);
        record("start");
        InChild.ready();
        try {
            ExitGuardModule module = ExitGuardModule.builder().closeSingletons(true).build();
            // Joining, the singletons come first, before the guard's binding: the injector must join before them.
            Guice.createInjector(join ? List.of(recording(), chain(true), module) : List.of(recording(), module, chain(false)));
            record("created");
        } catch (RuntimeException e) {
            // The exit began before the injector could join the guard; the exit ends the process.
            record("creation failed: " + e.getMessage().replace('\n', ' '));
        }
        InChild.waitForever();
    }
}
