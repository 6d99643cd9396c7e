package dev.exitguard.guice;

import static dev.exitguard.testkit.Bounds.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.spi.Message;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import dev.exitguard.core.ExitActions;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitReport;
import dev.exitguard.core.ExitReport.ActionReport;
import dev.exitguard.core.ProcessTerminator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An injector created while a guard is installed joins it: its actions are registered there, the
 * bound {@link ExitGuard} is that guard, and a signal runs them with the rest. The first injector,
 * with no guard installed, installs its own; {@code installInJvm(false)} never installs nor joins.
 */
class JoiningTest {

    private static final ExitReason TERM = ExitReason.signal("TERM", 15);

    private Warnings warnings;

    /** A trigger a test fires by hand; records whether it was armed. */
    static final class HandTrigger implements ExitTrigger {
        volatile ExitRequests requests;
        volatile boolean disarmed;

        @Override
        public void arm(ExitRequests requests) {
            this.requests = requests;
        }

        @Override
        public void disarm() {
            disarmed = true;
        }

        @Override
        public String name() {
            return "hand";
        }
    }

    @BeforeEach
    void listen() {
        assertTrue(ExitGuard.installed().isEmpty(), "a guard left installed by another test");
        warnings = Warnings.record();
    }

    @AfterEach
    void cleanUp() {
        warnings.close();
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
    }

    private static Module action(String name, Events events, String label) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().toInstance(
                        ExitActions.named(name).run(context -> events.add(name + " " + label)));
            }
        };
    }

    private static ExitGuardModule.Builder installing(ProcessTerminator terminator, HandTrigger trigger) {
        return ExitGuardModule.builder()
                .customize(builder -> builder.discoverActions(false).discoverTriggers(false).terminator(terminator)
                        .trigger(trigger));
    }

    /** An application's own guard, installed before any injector. */
    private static ExitGuard installedByTheApplication(ProcessTerminator terminator, HandTrigger trigger) {
        return ExitGuard.builder().discoverActions(false).discoverTriggers(false).terminator(terminator)
                .trigger(trigger).action(ExitActions.named("application").run(context -> { }))
                .install();
    }

    @Test
    void aLaterInjectorJoinsTheGuardTheFirstInstalledAndASignalRunsBoth() throws Exception {
        Events events = new Events();
        ProcessTerminator terminator = mock(ProcessTerminator.class);
        HandTrigger trigger = new HandTrigger();
        ExitGuard first = Guice.createInjector(installing(terminator, trigger).build(), action("flush", events, "first"))
                .getInstance(ExitGuard.class);
        assertSame(first, ExitGuard.installed().orElseThrow());

        ExitGuard second = Guice.createInjector(new ExitGuardModule(), action("publish", events, "second"))
                .getInstance(ExitGuard.class);

        assertSame(first, second);
        assertEquals(Set.of("flush", "publish"), Set.copyOf(first.actionNames()));
        assertEquals(List.of(), warnings.messages());
        assertTrue(first.plan().toText().contains("Guice binding at " + JoiningTest.class.getName()),
                first.plan()::toText);
        trigger.requests.requestExit(TERM);
        verify(terminator, timeout(PATIENCE.toMillis())).exit(143);
        verifyNoMoreInteractions(terminator);
        assertEquals(Set.of("flush first", "publish second"), Set.copyOf(events.list()));
    }

    @Test
    void aGuardTheApplicationInstalledIsJoinedAndItsTriggersAreLeftAlone() {
        Events events = new Events();
        HandTrigger applicationTrigger = new HandTrigger();
        ExitGuard application = installedByTheApplication(mock(ProcessTerminator.class), applicationTrigger);
        HandTrigger moduleTrigger = new HandTrigger();
        String beforeJoining = application.toString();

        ExitGuard injected = Guice.createInjector(installing(mock(ProcessTerminator.class), moduleTrigger).build(),
                action("flush", events, "injected")).getInstance(ExitGuard.class);

        assertSame(application, injected);
        assertEquals(Set.of("application", "flush"), Set.copyOf(application.actionNames()));
        assertTrue(moduleTrigger.requests == null, "the module's own settings do not apply when joining");
        assertFalse(applicationTrigger.disarmed);
        assertEquals(List.of("ExitGuardModule joins the guard already installed in this JVM (" + beforeJoining
                + "), so its own settings [1 customize() call(s)] do not apply: they are that guard's to make"),
                warnings.messages());
        ExitReport report = application.runActions(TERM);
        assertEquals(List.of("application", "flush"), report.actions().stream().map(ActionReport::name).sorted().toList());
        assertEquals(List.of("flush injected"), events.list());
    }

    /** After {@code first}: joining registers it second, so the guard never warns that it is missing. */
    static final class Second implements ExitAction {
        @Override
        public void run(ExitContext context) {
        }

        @Override
        public String name() {
            return "second";
        }

        @Override
        public Set<String> after() {
            return Set.of("first");
        }
    }

    @Test
    void anActionAfterAnotherOfTheSameInjectorJoinsWithoutAWarning() {
        ExitGuard application = installedByTheApplication(mock(ProcessTerminator.class), new HandTrigger());

        Guice.createInjector(new ExitGuardModule(), new AbstractModule() {
            @Override
            protected void configure() {
                ExitGuardModule.actions(binder()).addBinding().to(Second.class);
                ExitGuardModule.actions(binder()).addBinding().toInstance(ExitActions.named("first").run(context -> { }));
            }
        });

        assertEquals(List.of(), warnings.messages());
        assertEquals(List.of(), application.warnings());
        assertEquals(List.of("first", "second"), application.runActions(TERM).actions().stream()
                .map(ActionReport::name).filter(name -> !name.equals("application")).toList());
    }

    @Test
    void aClashWithTheInstalledGuardFailsTheInjectorCitingTheBindingAndRegistersNothing() {
        Events events = new Events();
        ExitGuard application = installedByTheApplication(mock(ProcessTerminator.class), new HandTrigger());

        CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(new ExitGuardModule(),
                action("flush", events, "kept"), action("application", events, "clashing")));

        List<Message> messages = List.copyOf(e.getErrorMessages());
        assertEquals(1, messages.size(), e::getMessage);
        assertTrue(messages.get(0).getMessage().startsWith("exitguard: duplicate exit action name [application]"),
                messages.get(0)::getMessage);
        assertTrue(messages.get(0).getSources().stream().map(Sources::describe)
                .anyMatch(source -> source.startsWith(JoiningTest.class.getName() + "$")), messages.get(0)::toString);
        assertEquals(List.of("application"), application.actionNames(), "none of the injector's actions stays");
    }

    @Test
    void joiningAGuardWhoseExitHasBegunFailsTheInjectorSayingSo() {
        ExitGuard application = installedByTheApplication(mock(ProcessTerminator.class), new HandTrigger());
        application.runActions(TERM);

        CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(new ExitGuardModule(),
                action("flush", new Events(), "late")));

        String message = e.getErrorMessages().iterator().next().getMessage();
        assertTrue(message.startsWith("exitguard: this injector cannot join the guard installed in this JVM ("
                + application + "): cannot register exit action [flush]"), message);
        assertTrue(message.contains("the exit has already begun"), message);
    }

    @Test
    void eachJoiningInjectorClosesItsOwnSingletonsFromTheFirstOneOn() {
        Events events = new Events();
        ExitGuard application = installedByTheApplication(mock(ProcessTerminator.class), new HandTrigger());
        ExitGuardModule closing = ExitGuardModule.builder().closeSingletons(true).build();

        // The singleton's binding comes before the module's: Guice creates it before the guard's binding.
        List<String> seenByTheFirstSingleton = Guice.createInjector(singleton(events, "one"), closing)
                .getInstance(Observer.class).actionNames;
        Guice.createInjector(singleton(events, "two"), closing);

        // Registered before the first singleton was created, so that an exit from then on closes it.
        assertTrue(seenByTheFirstSingleton.contains(SingletonClosing.NAME), seenByTheFirstSingleton::toString);
        assertEquals(Set.of("application", SingletonClosing.NAME, SingletonClosing.NAME + " #2"),
                Set.copyOf(application.actionNames()));
        ExitReport report = application.runActions(TERM);
        assertTrue(report.allSucceeded(), report::toTable);
        assertEquals(Set.of("close one", "close two"), Set.copyOf(events.list()));
    }

    /** An eager singleton that sees which actions the installed guard had when it was created. */
    static final class Observer implements AutoCloseable {
        final List<String> actionNames = ExitGuard.installed().orElseThrow().actionNames();
        private final Events events;
        private final String label;

        Observer(Events events, String label) {
            this.events = events;
            this.label = label;
        }

        @Override
        public void close() {
            events.add("close " + label);
        }
    }

    private static Module singleton(Events events, String label) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(Observer.class).toProvider(() -> new Observer(events, label)).asEagerSingleton();
            }
        };
    }

    @Test
    void installInJvmFalseNeitherInstallsNorJoins() {
        Events events = new Events();
        HandTrigger trigger = new HandTrigger();
        ExitGuard application = installedByTheApplication(mock(ProcessTerminator.class), new HandTrigger());

        ExitGuard own = Guice.createInjector(installing(mock(ProcessTerminator.class), trigger).installInJvm(false).build(),
                action("flush", events, "own")).getInstance(ExitGuard.class);

        assertNotSame(application, own);
        assertSame(application, ExitGuard.installed().orElseThrow());
        assertEquals(List.of("application"), application.actionNames());
        assertTrue(trigger.requests == null, "nothing armed");
        assertEquals(List.of(), warnings.messages());
        own.runActions(TERM);
        assertEquals(List.of("flush own"), events.list());
        assertEquals(Optional.empty(), application.report());
    }
}
