package dev.exitguard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.api.ExitPhase;
import dev.exitguard.api.ExitReason;
import dev.exitguard.core.ExitConfigurationException;
import dev.exitguard.core.ExitGuard;
import dev.exitguard.core.ExitPlan;
import dev.exitguard.core.ExitReport;
import dev.exitguard.core.LoggingBackend;
import dev.exitguard.core.LoggingBackends;
import jakarta.annotation.PreDestroy;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.PropertySource;

/**
 * The auto-configuration in-process, on Spring Boot 4.0 (the child-JVM tests run 3.5 too): each test
 * starts a real {@code SpringApplication} (no web server), which installs the JVM's guard, and runs
 * its exit with {@link ExitGuard#runActions} rather than exiting. One at a time: there is one
 * installed guard per JVM.
 */
@Execution(ExecutionMode.SAME_THREAD)
@ResourceLock("dev.exitguard.core.ExitGuard.installed")
class ExitGuardAutoConfigurationTest {

    /** What the beans of a test did, in order. */
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void closeAndUninstall() {
        for (ConfigurableApplicationContext context : contexts) {
            context.close();
        }
        ExitGuard.installed().ifPresent(ExitGuard::uninstall);
        EVENTS.clear();
    }

    private ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "exitguard.signals=INT")
                .properties(properties)
                .run();
        contexts.add(context);
        return context;
    }

    private static ExitReport exit(ExitGuard guard) {
        return guard.runActions(ExitReason.signal("TERM", 15));
    }

    private static List<String> names(ExitReport report) {
        return report.actions().stream().map(ExitReport.ActionReport::name).toList();
    }

    // ---- the application -----------------------------------------------------------------------

    static final class Journal {
        void flush(String by) {
            EVENTS.add("journal flushed by " + by);
        }
    }

    static final class Cache {
        @PreDestroy
        void close() {
            EVENTS.add("cache @PreDestroy");
        }
    }

    /** An exit action bean with an injected service, and the guard itself injected too. */
    static final class FlushJournal implements ExitAction {
        final Journal journal;
        final ExitGuard guard;

        FlushJournal(Journal journal, ExitGuard guard) {
            this.journal = journal;
            this.guard = guard;
        }

        @Override
        public void run(ExitContext context) {
            journal.flush(name());
        }

        @Override
        public String name() {
            return "flush-journal";
        }

        @Override
        public Set<String> after() {
            return Set.of(SpringContextExit.CONTEXT);
        }
    }

    static final class Named implements ExitAction {
        private final String name;
        private final int phase;
        private final Set<String> after;

        Named(String name, int phase, String... after) {
            this.name = name;
            this.phase = phase;
            this.after = Set.of(after);
        }

        @Override
        public void run(ExitContext context) {
            EVENTS.add(name);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int phase() {
            return phase;
        }

        @Override
        public Set<String> after() {
            return after;
        }
    }

    static final class ReadinessRecorder {
        @EventListener
        void on(AvailabilityChangeEvent<ReadinessState> event) {
            EVENTS.add("readiness " + event.getState());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Shop {
        @Bean
        Journal journal() {
            return new Journal();
        }

        @Bean
        Cache cache() {
            return new Cache();
        }

        @Bean
        FlushJournal flushJournal(Journal journal, ExitGuard guard) {
            return new FlushJournal(journal, guard);
        }

        @Bean
        ReadinessRecorder readinessRecorder() {
            return new ReadinessRecorder();
        }
    }

    /** Without exit actions: the application as it would be without exitguard. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Plain {
        @Bean
        Cache cache() {
            return new Cache();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Shop.class)
    static class ShopWithTwins {
        @Bean
        ExitAction first() {
            return new Named("twin", ExitPhase.DEFAULT);
        }

        @Bean
        ExitAction second() {
            return new Named("twin", ExitPhase.DEFAULT);
        }
    }

    static final class SlowCache {
        @PreDestroy
        void close() throws InterruptedException {
            EVENTS.add("slow cache closing");
            Thread.sleep(800);
            EVENTS.add("slow cache closed");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Shop.class)
    static class ShopWithASlowCache {
        @Bean
        SlowCache slowCache() {
            return new SlowCache();
        }
    }

    static final class Broken implements ExitAction {
        @Override
        public void run(ExitContext context) {
        }

        @Override
        public String name() {
            throw new IllegalStateException("no name yet");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Shop.class)
    static class ShopWithABrokenAction {
        @Bean
        ExitAction broken() {
            return new Broken();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import(Shop.class)
    static class ShopWithAnEarlyDrain {
        @Bean
        ExitAction drainQueue() {
            return new Named("drain-queue", ExitPhase.DRAIN - 1);
        }
    }

    // ---- the tests -----------------------------------------------------------------------------

    @Test
    void theExitGuardBeanIsTheInstalledGuardWithTheContextsActionsAndItsBeans() {
        ConfigurableApplicationContext context = start(Shop.class);

        ExitGuard guard = context.getBean(ExitGuard.class);
        assertSame(ExitGuard.installed().orElseThrow(), guard);
        assertSame(guard, context.getBean(FlushJournal.class).guard);
        assertEquals(Set.of("spring-readiness", "spring-context", "spring-shutdown-handlers", "flush-journal"),
                Set.copyOf(guard.actionNames()));
        ExitPlan.Step step = guard.plan().actions().stream().filter(s -> s.name().equals("flush-journal")).findFirst()
                .orElseThrow();
        assertTrue(step.source().startsWith("Spring bean 'flushJournal' (" + FlushJournal.class.getName()
                + ") from @Bean flushJournal()"), step.source());
    }

    @Test
    void theExitTurnsReadinessOffClosesTheContextThenRunsTheBeanAction() {
        ConfigurableApplicationContext context = start(Shop.class);
        ExitGuard guard = context.getBean(ExitGuard.class);

        ExitReport report = exit(guard);

        assertEquals(List.of("spring-readiness", "spring-context", "spring-shutdown-handlers", "flush-journal"), names(report));
        report.actions().forEach(a -> assertEquals(ExitReport.Outcome.SUCCEEDED, a.outcome(), a.toString()));
        assertFalse(context.isActive());
        assertEquals(List.of("readiness ACCEPTING_TRAFFIC", "readiness REFUSING_TRAFFIC", "cache @PreDestroy",
                "journal flushed by flush-journal"), EVENTS);
    }

    @Test
    void anExitActionBeanInAnEarlierPhaseRunsWhileTheBeansAreAlive() {
        ExitGuard guard = start(ShopWithAnEarlyDrain.class).getBean(ExitGuard.class);

        ExitReport report = exit(guard);

        assertEquals(List.of("spring-readiness", "drain-queue", "spring-context", "spring-shutdown-handlers", "flush-journal"),
                names(report));
        assertTrue(EVENTS.indexOf("drain-queue") < EVENTS.indexOf("cache @PreDestroy"), EVENTS.toString());
    }

    @Test
    void springBootsShutdownHookIsNotGivenTheContext() throws Exception {
        ConfigurableApplicationContext taken = start(Shop.class);
        assertFalse(registeredWithSpringsShutdownHook(taken));

        ConfigurableApplicationContext left = start(Plain.class, "exitguard.spring.enabled=false");
        assertTrue(registeredWithSpringsShutdownHook(left));
        assertTrue(left.getBeansOfType(ExitGuard.class).isEmpty());
    }

    @Test
    void disabledNothingIsInstalledAndTheOtherSettingsAreNotRead() {
        ConfigurableApplicationContext context = start(Plain.class, "exitguard.spring.enabled=off",
                "exitguard.spring.context-phase=soon");

        assertTrue(ExitGuard.installed().isEmpty());
        assertTrue(context.getBeansOfType(ExitGuard.class).isEmpty());
        assertFalse(context.getEnvironment().getPropertySources().contains(LoggingHandover.PROPERTY_SOURCE),
                "Spring Boot keeps its own stop of logging");
    }

    @Test
    void theCoreSettingsComeFromTheEnvironmentWithRelaxedNames() {
        ExitGuard guard = start(Shop.class, "exitguard.deadline=7s", "exitguard.halt-grace=2s",
                "exitguard.action_timeout=3s").getBean(ExitGuard.class);

        ExitPlan plan = guard.plan();
        assertEquals(Duration.ofSeconds(7), plan.deadline());
        assertEquals(Duration.ofSeconds(2), plan.haltGrace());
        assertEquals(Duration.ofSeconds(3), plan.actionTimeout().orElseThrow());
    }

    @Test
    void theContextPhaseAndTimeoutAndThePreStopDelayComeFromTheEnvironment() {
        ExitGuard guard = start(Shop.class, "exitguard.spring.context-phase=default",
                "exitguard.spring.contextTimeout=4s", "exitguard.spring.pre-stop-delay=10ms").getBean(ExitGuard.class);

        ExitPlan.Step close = guard.plan().actions().stream().filter(s -> s.name().equals("spring-context")).findFirst()
                .orElseThrow();
        assertEquals(ExitPhase.DEFAULT, close.phase());
        assertEquals(Duration.ofSeconds(4), close.timeout().orElseThrow());
        assertEquals(Set.of("spring-readiness", "spring-pre-stop"), close.after());
        ExitReport report = exit(guard);
        assertEquals(List.of("spring-readiness", "spring-pre-stop", "spring-context", "flush-journal",
                "spring-shutdown-handlers"), names(report));
    }

    @Test
    void aContextClosedByItsApplicationTakesItsActionsOutButTheGuardStays() {
        ConfigurableApplicationContext context = start(Shop.class);
        ExitGuard guard = context.getBean(ExitGuard.class);

        context.close();

        assertSame(guard, ExitGuard.installed().orElseThrow());
        assertEquals(List.of(), guard.actionNames());
    }

    @Test
    void aSecondContextQualifiesItsActionsAndTheExitClosesBoth() {
        ConfigurableApplicationContext first = start(Shop.class, "spring.application.name=first");
        ConfigurableApplicationContext second = start(Shop.class, "spring.application.name=second");
        ExitGuard guard = first.getBean(ExitGuard.class);
        assertSame(guard, second.getBean(ExitGuard.class));

        ExitReport report = exit(guard);

        assertEquals(List.of("spring-readiness", "spring-readiness (second)", "spring-context",
                "spring-context (second)", "spring-shutdown-handlers", "spring-shutdown-handlers (second)",
                "flush-journal", "flush-journal (second)"), names(report));
        assertFalse(first.isActive());
        assertFalse(second.isActive());
        ExitPlan.Step flush = guard.plan().actions().stream().filter(s -> s.name().equals("flush-journal (second)"))
                .findFirst().orElseThrow();
        assertEquals(Set.of("spring-context (second)"), flush.after());
    }

    @Test
    void aDuplicateNameAmongTheBeansFailsTheStartNamingBothBeansAndLeavesNothingBehind() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start(ShopWithTwins.class));

        ExitConfigurationException cause = cause(failure);
        assertEquals(1, cause.problems().size(), cause.getMessage());
        String problem = cause.problems().get(0);
        assertTrue(problem.startsWith("duplicate exit action name [twin]: " + Named.class.getName()
                + " (Spring bean 'first' (" + Named.class.getName() + ") from @Bean first()"), problem);
        assertTrue(problem.contains("(Spring bean 'second' (" + Named.class.getName() + ") from @Bean second()"), problem);
        assertEquals(List.of(), ExitGuard.installed().orElseThrow().actionNames());
    }

    @Test
    void anActionBeanThatCannotNameItselfFailsTheStartNamingItsBean() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start(ShopWithABrokenAction.class));

        ExitConfigurationException cause = cause(failure);
        assertEquals(List.of("exit action " + Broken.class.getName() + " (Spring bean 'broken' (" + Broken.class.getName()
                + ") from @Bean broken() defined in " + ShopWithABrokenAction.class.getName()
                + "): name() threw java.lang.IllegalStateException: no name yet"), cause.problems());
    }

    @Test
    void whenTheApplicationClosesTheContextDuringTheExitSpringContextEndsOnlyOnceTheCloseIsOver() throws Exception {
        ConfigurableApplicationContext context = start(ShopWithASlowCache.class, "exitguard.spring.pre-stop-delay=300ms");
        ExitGuard guard = context.getBean(ExitGuard.class);
        Thread exit = new Thread(() -> exit(guard), "test-exit");
        exit.start();
        while (!EVENTS.contains("readiness REFUSING_TRAFFIC")) {
            Thread.sleep(5);
        }
        // The application closes its context itself while the exit is in its pre-stop pause.
        Thread closer = new Thread(context::close, "test-closer");
        closer.start();

        exit.join(30_000);
        closer.join(30_000);

        ExitReport report = guard.report().orElseThrow();
        assertEquals(List.of("spring-readiness", "spring-pre-stop", "spring-context", "spring-shutdown-handlers",
                "flush-journal"), names(report));
        report.actions().forEach(a -> assertEquals(ExitReport.Outcome.SUCCEEDED, a.outcome(), a.toString()));
        assertTrue(EVENTS.indexOf("slow cache closed") < EVENTS.indexOf("journal flushed by flush-journal"),
                EVENTS.toString());
    }

    @Test
    void aGuardInstalledBeforeTheContextIsJoined() {
        ExitGuard early = ExitGuard.builder().discoverTriggers(false).install();

        ExitGuard guard = start(Shop.class, "exitguard.deadline=3s").getBean(ExitGuard.class);

        assertSame(early, guard);
        assertEquals(Duration.ofSeconds(25), guard.deadline(), "a guard installed before keeps its settings");
        assertTrue(guard.actionNames().contains("spring-context"));
    }

    @Test
    void springApplicationsShutdownHandlersRunOnceInTheExitOnceTheContextIsClosed() {
        ExitGuard guard = start(Shop.class).getBean(ExitGuard.class);
        Runnable handler = () -> EVENTS.add("shutdown handler");
        SpringApplication.getShutdownHandlers().add(handler);

        ExitReport report = exit(guard);

        assertEquals(1, Collections.frequency(EVENTS, "shutdown handler"), EVENTS.toString());
        assertTrue(EVENTS.indexOf("cache @PreDestroy") < EVENTS.indexOf("shutdown handler"), EVENTS.toString());
        ExitReport.ActionReport row = report.actions().stream()
                .filter(a -> a.name().equals("spring-shutdown-handlers")).findFirst().orElseThrow();
        assertEquals(ExitReport.Outcome.SUCCEEDED, row.outcome());
        assertEquals(Map.of("ranBy", "spring-shutdown-handlers"), row.facts());
        // Spring Boot's own code ran them, and forgot them: its hook, had the JVM run it now, runs nothing twice.
        ((Runnable) SpringApplication.getShutdownHandlers()).run();
        assertEquals(1, Collections.frequency(EVENTS, "shutdown handler"), EVENTS.toString());
    }

    @Test
    void handlersSpringBootsOwnHookTookFirstAreLeftToItAndTheRowSaysSo() throws Exception {
        ExitGuard guard = start(Shop.class).getBean(ExitGuard.class);
        Runnable handler = () -> EVENTS.add("shutdown handler");
        SpringApplication.getShutdownHandlers().add(handler);
        // What the JVM does on System.exit when Spring Boot's hook is registered: its run, beside the exit.
        Runnable springsHook = (Runnable) springApplicationShutdownHook();
        springsHook.run();
        try {
            ExitReport report = exit(guard);

            assertEquals(1, Collections.frequency(EVENTS, "shutdown handler"), EVENTS.toString());
            ExitReport.ActionReport row = report.actions().stream()
                    .filter(a -> a.name().equals("spring-shutdown-handlers")).findFirst().orElseThrow();
            assertEquals(ExitReport.Outcome.SUCCEEDED, row.outcome());
            assertEquals(Map.of("ranBy", "SpringApplicationShutdownHook"), row.facts());
        } finally {
            // Its hook never resets itself (the JVM ends): ready it for the next test, as a new JVM would be.
            Method reset = springsHook.getClass().getDeclaredMethod("reset");
            reset.setAccessible(true);
            reset.invoke(springsHook);
        }
    }

    @Test
    void springBootsStopOfLoggingIsHandedToExitguardAndItsRegistrationTurnedOff() {
        // True is Spring Boot's default: said or not, the stop is handed over. Said as a system property here,
        // which only a source ahead of the application's own can outrank.
        System.setProperty("logging.register-shutdown-hook", "true");
        try {
            ConfigurableApplicationContext context = start(Shop.class);

            PropertySource<?> ours = context.getEnvironment().getPropertySources().get(LoggingHandover.PROPERTY_SOURCE);
            assertEquals("false", ours.getProperty("logging.register-shutdown-hook"));
            assertEquals(false, context.getEnvironment().getProperty("logging.register-shutdown-hook", Boolean.class));
        } finally {
            System.clearProperty("logging.register-shutdown-hook");
        }
        List<String> backends = LoggingBackends.registered().stream().map(LoggingBackend::name).toList();
        assertTrue(backends.contains("Spring Boot logging system LogbackLoggingSystem"), backends::toString);
    }

    @Test
    void anApplicationThatTurnedSpringBootsLoggingStopOffKeepsItsChoice() {
        ConfigurableApplicationContext context = start(Shop.class, "logging.register-shutdown-hook=false");

        assertSame(ExitGuard.installed().orElseThrow(), context.getBean(ExitGuard.class));
        assertFalse(context.getEnvironment().getPropertySources().contains(LoggingHandover.PROPERTY_SOURCE));
    }

    @Test
    void aGuardInstalledBeforeTheContextWarnsOnceOfTheEnvironmentSettingsItDoesNotApply() {
        ExitGuard early = ExitGuard.builder().discoverTriggers(false).install();

        List<String> warnings;
        try (JulCapture capture = new JulCapture()) {
            start(Shop.class, "exitguard.deadline=3s", "exitguard.halt-grace=1s", "exitguard.spring.pre-stop-delay=1s");
            warnings = capture.warnings();
        }

        List<String> ours = warnings.stream().filter(w -> w.startsWith("an ExitGuard was installed before")).toList();
        assertEquals(1, ours.size(), warnings::toString);
        String warning = ours.get(0);
        assertTrue(warning.startsWith("an ExitGuard was installed before application context 'application' started"
                + " (ExitGuard["), warning);
        assertTrue(warning.contains("), and keeps its settings: ["), warning);
        assertTrue(warning.contains("exitguard.deadline (from property source 'defaultProperties')"), warning);
        assertTrue(warning.contains("exitguard.halt-grace (from property source 'defaultProperties')"), warning);
        assertTrue(warning.endsWith("are not applied. Set them as system properties (or agent options) to reach that guard"),
                warning);
        // Its own settings (exitguard.spring.*) apply to the context, and are not named.
        assertFalse(warning.contains("pre-stop-delay"), warning);
        assertEquals(Duration.ofSeconds(25), early.deadline());
    }

    @Test
    void aSecondContextWarnsOfTheSettingsItGivesDifferentlyFromTheGuardTheFirstInstalled() {
        start(Shop.class, "exitguard.deadline=7s");

        List<String> warnings;
        try (JulCapture capture = new JulCapture()) {
            start(Shop.class, "spring.application.name=second", "exitguard.deadline=9s");
            warnings = capture.warnings();
        }

        List<String> ours = warnings.stream().filter(w -> w.startsWith("an ExitGuard was installed before")).toList();
        assertEquals(1, ours.size(), warnings::toString);
        assertTrue(ours.get(0).contains("[exitguard.deadline=9s (from \"exitguard.deadline\" from property source \"defaultProperties\";"
                + " the guard has 7s)]"),
                ours.get(0));
    }

    /** The warnings exitguard logs through {@code System.Logger}, which is {@code java.util.logging} in this JVM. */
    private static final class JulCapture extends java.util.logging.Handler implements AutoCloseable {
        private final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.exitguard");
        private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        JulCapture() {
            logger.addHandler(this);
        }

        List<String> warnings() {
            return List.copyOf(warnings);
        }

        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    @Test
    void aBadContextPhaseFailsTheStartNamingTheProperty() {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> start(Shop.class, "exitguard.spring.context-phase=soon"));

        assertTrue(failure.getMessage().contains("exitguard.spring.context-phase"), failure.getMessage());
        assertTrue(ExitGuard.installed().isEmpty());
    }

    private static ExitConfigurationException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ExitConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("no ExitConfigurationException in", failure);
    }

    /** Spring Boot's {@code SpringApplicationShutdownHook}, the one per JVM; only reflection can reach it. */
    private static Object springApplicationShutdownHook() throws Exception {
        Field hook = SpringApplication.class.getDeclaredField("shutdownHook");
        hook.setAccessible(true);
        return hook.get(null);
    }

    /** Whether Spring Boot's shutdown hook would close {@code context}; only reflection can ask it. */
    private static boolean registeredWithSpringsShutdownHook(ConfigurableApplicationContext context) throws Exception {
        Object shutdownHook = springApplicationShutdownHook();
        Method registered = shutdownHook.getClass().getDeclaredMethod("isApplicationContextRegistered",
                ConfigurableApplicationContext.class);
        registered.setAccessible(true);
        return (Boolean) registered.invoke(shutdownHook, context);
    }

    @Test
    void theFailureAnalyzerTellsWhatToDo() {
        ExitConfigurationException failure = new ExitConfigurationException("exitguard cannot be installed",
                List.of("exitguard.deadline: cannot read [x] as a duration"));

        var analysis = new ExitConfigurationFailureAnalyzer().analyze(failure);

        assertEquals("exitguard cannot be installed: 1 problem\n\n1) exitguard.deadline: cannot read [x] as a duration",
                analysis.getDescription());
        assertTrue(analysis.getAction().contains("exitguard.spring.enabled=false"), analysis.getAction());
        assertInstanceOf(ExitConfigurationException.class, analysis.getCause());
    }
}
