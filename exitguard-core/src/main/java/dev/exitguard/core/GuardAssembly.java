package dev.exitguard.core;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitTrigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a guard from what its {@link ExitGuard.Builder} was told: resolves the settings against
 * the properties, discovers actions and triggers, validates them, chooses the triggers, and fails
 * once with every problem found. Nothing is armed here: {@link ExitGuard.Builder#install()} does that.
 *
 * <p>Used once, on the thread that builds.
 */
final class GuardAssembly {

    private final ExitGuard.Builder builder;
    private boolean adoptForeignHooks;

    GuardAssembly(ExitGuard.Builder builder) {
        this.builder = builder;
    }

    /**
     * The guard, not installed.
     *
     * @throws ExitConfigurationException listing every problem found
     */
    ExitGuard build() {
        Problems problems = new Problems();
        List<String> discoveryWarnings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        GuardSettings settings = GuardSettings.resolve(new GuardSettings.Requested(builder.deadline, builder.haltGrace,
                builder.actionTimeout, builder.reportFile, builder.haltOnSecondSignal, builder.duplicateSignalWindow,
                builder.logPlan, builder.phaseTimeouts), builder.properties, builder.propertyNames.get(), problems);
        List<Discovery.Found<ExitAction>> found = new ArrayList<>();
        if (builder.discoverActions) {
            found.addAll(Discovery.load(ExitAction.class, builder.classLoader, discoveryWarnings));
        }
        found.addAll(builder.actions);
        List<ActionEntry> entries = new ArrayList<>();
        for (Discovery.Found<ExitAction> candidate : found) {
            ActionEntry entry = ActionEntry.read(candidate.provider(), candidate.source(), problems);
            if (entry != null) {
                entries.add(entry);
            }
        }
        Validation.check(entries, problems, warnings);
        List<ExitTrigger> chosen = chooseTriggers(discoveryWarnings, problems);
        adoptForeignHooks = ForeignHooks.resolve(builder.properties, builder.adoptForeignHooks, problems);
        problems.throwIfAny("exitguard cannot be installed");
        for (String warning : discoveryWarnings) {
            Log.warning(warning);
        }
        for (String warning : warnings) {
            Log.warning(warning);
        }
        if (settings.reportFile().isPresent()) {
            ReportFile.checkWritable(settings.reportFile().get());
        }
        return new ExitGuard(builder, settings, entries, chosen, discoveryWarnings);
    }

    /** After {@link #build()}: whether the guard, once installed, adopts the JVM's other hooks. */
    boolean adoptForeignHooks() {
        return adoptForeignHooks;
    }

    /** The discovered triggers, each replaced by one added by hand with its name. */
    private List<ExitTrigger> chooseTriggers(List<String> warnings, Problems problems) {
        Map<String, ExitTrigger> byName = new LinkedHashMap<>();
        if (builder.discoverTriggers) {
            for (Discovery.Found<ExitTrigger> candidate
                    : Discovery.load(ExitTrigger.class, builder.classLoader, warnings)) {
                byName.putIfAbsent(candidate.provider().name(), candidate.provider());
            }
        }
        Map<String, ExitTrigger> byHand = new LinkedHashMap<>();
        for (ExitTrigger trigger : builder.triggers) {
            String name = trigger.name();
            if (byHand.putIfAbsent(name, trigger) != null) {
                problems.duplicateTrigger(name);
            }
            byName.put(name, trigger);
        }
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }
}
