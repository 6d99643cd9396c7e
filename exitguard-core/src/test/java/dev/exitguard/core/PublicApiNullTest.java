package dev.exitguard.core;

import com.google.common.testing.NullPointerTester;
import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every public method refuses null at once, as Java's conventions (and Guava's tester) want. */
class PublicApiNullTest {

    private final NullPointerTester tester = new NullPointerTester()
            .setDefault(ExitAction.class, Actions.noop("default", 0))
            .setDefault(ExitReason.class, ExitReason.programmatic(0))
            .setDefault(Duration.class, Duration.ofSeconds(1))
            .setDefault(Path.class, Path.of("report.json"))
            .setDefault(String.class, "name")
            .setDefault(InFlight.class, InFlight.named("default"));

    @Test
    void exitGuard() {
        tester.testAllPublicStaticMethods(ExitGuard.class);
        tester.testAllPublicInstanceMethods(Guards.isolated(new RecordingTerminator()).build());
    }

    @Test
    void loggingBackends() {
        tester.testAllPublicStaticMethods(LoggingBackends.class);
    }

    @Test
    void builder() {
        tester.testAllPublicInstanceMethods(ExitGuard.builder());
    }

    @Test
    void exitActions() {
        tester.testAllPublicStaticMethods(ExitActions.class);
        tester.testAllPublicInstanceMethods(ExitActions.named("x"));
    }

    @Test
    void report() {
        ExitReport report = new ExitReport(ExitReason.programmatic(0), Instant.EPOCH, Duration.ZERO, Duration.ofSeconds(1),
                List.of(new ExitReport.ActionReport("a", 0, ExitReport.Outcome.SUCCEEDED, Duration.ZERO, Duration.ZERO,
                        Optional.empty(), Optional.empty(), "")));
        tester.testAllPublicConstructors(ExitReport.class);
        tester.testAllPublicConstructors(ExitReport.ActionReport.class);
        tester.testAllPublicInstanceMethods(report);
        tester.testAllPublicConstructors(ExitConfigurationException.class);
        tester.testAllPublicStaticMethods(ExitConfigurationException.class);
        tester.testAllPublicConstructors(ExitConfigurationException.Problem.class);
        tester.testAllPublicInstanceMethods(report.actions().get(0));
        tester.testAllPublicInstanceMethods(new ExitConfigurationException("headline", List.of("problem")));
    }

    @Test
    void plan() {
        ExitPlan plan = Guards.isolated(new RecordingTerminator()).trigger(new FakeTrigger("fake"))
                .action(Actions.noop("a", 0, "b")).build().plan();
        tester.testAllPublicConstructors(ExitPlan.class);
        tester.testAllPublicConstructors(ExitPlan.Step.class);
        tester.testAllPublicConstructors(ExitPlan.Trigger.class);
        tester.testAllPublicInstanceMethods(plan);
        tester.testAllPublicInstanceMethods(plan.actions().get(0));
        tester.testAllPublicInstanceMethods(plan.triggers().get(0));
    }

    @Test
    void registrationTerminatorAndCommand() {
        ExitGuard guard = Guards.isolated(new RecordingTerminator()).build();
        tester.testAllPublicInstanceMethods(guard.register(Actions.noop("registered", 0)));
        tester.testAllPublicStaticMethods(ProcessTerminator.class);
        // main(null) fails before it could print or exit.
        tester.testAllPublicStaticMethods(PrintExitPlan.class);
    }
}
