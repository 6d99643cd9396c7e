package dev.exitguard.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the watchdog names before it halts the JVM: every live shutdown hook and non-daemon thread,
 * with its stack, so that whatever held the JVM's shutdown up is named, with or without the agent.
 *
 * <p>A thread is a shutdown hook here when exitguard holds it ({@link ForeignHooks#known()}: adopted,
 * or exitguard's own), or when the JVM's shutdown is waiting for it: the thread that runs the JVM's
 * hooks joins them one by one, and its lock, read through {@code java.lang.management} where the
 * runtime has it, is the hook it waits for. Taken once, then immutable.
 */
final class HaltDump {

    /** The method in which the JVM starts its application hooks and waits for each. */
    static final String RUN_HOOKS_CLASS = "java.lang.ApplicationShutdownHooks";

    static final String SHUTDOWN_HOOK = "shutdown hook";
    static final String EXITGUARD_HOOK = "exitguard's shutdown hook";
    static final String WAITED_FOR = "the JVM's shutdown waits for it";
    static final String RUNS_SHUTDOWN = "runs the JVM's shutdown";
    static final String NON_DAEMON = "non-daemon thread";

    /** One thread, what it is, and where it was. */
    record Entry(String name, boolean daemon, Thread.State state, List<String> roles, StackTraceElement[] stack) {
    }

    private final List<Entry> entries;

    private HaltDump(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Takes the dump now, of every live thread but the caller; {@code hooks} are the hooks exitguard knows. */
    static HaltDump capture(List<Thread> hooks) {
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        Set<Thread> waitedFor = JoinTargets.of(stacks);
        Set<Thread> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(hooks);
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> live : stacks.entrySet()) {
            Thread thread = live.getKey();
            if (thread == Thread.currentThread()) {
                continue;
            }
            Set<String> roles = new LinkedHashSet<>();
            if (known.contains(thread)) {
                roles.add(OwnHooks.isOwn(thread) ? EXITGUARD_HOOK : SHUTDOWN_HOOK);
            }
            if (waitedFor.contains(thread)) {
                roles.add(SHUTDOWN_HOOK);
                roles.add(WAITED_FOR);
            }
            if (runsHooks(live.getValue())) {
                roles.add(RUNS_SHUTDOWN);
            }
            if (!thread.isDaemon()) {
                roles.add(NON_DAEMON);
            }
            if (!roles.isEmpty()) {
                entries.add(new Entry(thread.getName(), thread.isDaemon(), thread.getState(), List.copyOf(roles),
                        live.getValue()));
            }
        }
        // The hooks first, then by name: the one to look at comes first.
        entries.sort((a, b) -> {
            int byRole = Boolean.compare(!a.roles().contains(SHUTDOWN_HOOK), !b.roles().contains(SHUTDOWN_HOOK));
            return byRole != 0 ? byRole : a.name().compareTo(b.name());
        });
        return new HaltDump(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** For standard error: a heading, then each thread with its roles, state and stack. */
    String text() {
        StringBuilder out = new StringBuilder("live shutdown hooks and non-daemon threads at the halt:");
        if (entries.isEmpty()) {
            out.append(" none");
        }
        for (Entry entry : entries) {
            out.append("\n  \"").append(entry.name()).append("\" (").append(String.join(", ", entry.roles()))
                    .append(") ").append(entry.state()).append('\n').append(Stacks.format(entry.stack()));
        }
        return out.toString();
    }

    /** The {@code "halt"} member of the JSON report: why, with which code, and the threads. */
    String json(String cause, int exitCode) {
        StringBuilder out = new StringBuilder("{\"cause\": ").append(Json.quote(cause))
                .append(", \"exitCode\": ").append(exitCode).append(", \"threads\": [");
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            out.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ").append(Json.quote(entry.name()))
                    .append(", \"roles\": [");
            for (int r = 0; r < entry.roles().size(); r++) {
                out.append(r == 0 ? "" : ", ").append(Json.quote(entry.roles().get(r)));
            }
            out.append("], \"daemon\": ").append(entry.daemon())
                    .append(", \"state\": ").append(Json.quote(entry.state().name()))
                    .append(", \"stack\": ").append(Json.quote(Stacks.format(entry.stack()))).append('}');
        }
        return out.append(entries.isEmpty() ? "]}" : "\n  ]}").toString();
    }

    /** {@code reportJson}, a report as {@link ReportJson} writes it, with {@code "halt": haltJson} added last. */
    static String withHalt(String reportJson, String haltJson) {
        int end = reportJson.lastIndexOf('}');
        return reportJson.substring(0, end).stripTrailing() + ",\n  \"halt\": " + haltJson + "\n}\n";
    }

    private static boolean runsHooks(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (RUN_HOOKS_CLASS.equals(frame.getClassName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The threads the JVM's shutdown is joining: a platform thread's {@code join} waits on that
     * thread's monitor, which {@code java.lang.management} names by its identity hash. Empty where the
     * runtime has no {@code java.management}.
     */
    private static final class JoinTargets {
        static Set<Thread> of(Map<Thread, StackTraceElement[]> stacks) {
            Set<Thread> out = Collections.newSetFromMap(new IdentityHashMap<>());
            try {
                if (ModuleLayer.boot().findModule("java.management").isEmpty()) {
                    return out;
                }
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                for (Map.Entry<Thread, StackTraceElement[]> live : stacks.entrySet()) {
                    if (!runsHooks(live.getValue())) {
                        continue;
                    }
                    @SuppressWarnings("deprecation")
                    long id = live.getKey().getId();
                    java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                    java.lang.management.LockInfo lock = info == null ? null : info.getLockInfo();
                    if (lock == null) {
                        continue;
                    }
                    for (Thread candidate : stacks.keySet()) {
                        if (System.identityHashCode(candidate) == lock.getIdentityHashCode()
                                && candidate.getClass().getName().equals(lock.getClassName())) {
                            out.add(candidate);
                        }
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                // Without it the hooks exitguard holds and every non-daemon thread are still named.
            }
            return out;
        }
    }
}
