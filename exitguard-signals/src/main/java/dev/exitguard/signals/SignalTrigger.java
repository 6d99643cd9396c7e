package dev.exitguard.signals;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM (or the signals configured) into exits that run the actions first: the
 * process then exits with 128 plus the signal's number (SIGINT 130, SIGTERM 143, SIGHUP 129).
 *
 * <p>Putting this module's jar on the class path or the module path is all it takes: the
 * coordinator finds the trigger with {@link java.util.ServiceLoader} and arms it at install.
 *
 * <h2>Which signals</h2>
 * By default {@code INT} and {@code TERM}. The system property {@code exitguard.signals}, a comma
 * list such as {@code INT,TERM,HUP} (the {@code SIG} prefix and case do not matter), chooses
 * others; so does {@link #of(String...)} handed to the builder, where it replaces the discovered
 * trigger. The property, when set, wins over {@code of}, as the coordinator's properties win over
 * its builder: it is how an operator changes an application without rebuilding it.
 *
 * <h2>What a signal does</h2>
 * Each delivery asks the coordinator for an exit, repeats included: the first starts the exit,
 * whose actions run before the JVM's own shutdown begins; a repeat within a short window counts as
 * the same signal (a shell and a wrapper script both passing on one Ctrl-C); a later one while the
 * exit runs is the coordinator's second-signal policy (by default, halt with that signal's code).
 *
 * <h2>What was there before</h2>
 * <ul>
 *   <li>A handler someone installed with {@code sun.misc.Signal} before the trigger was armed is
 *       called once, after the actions and before the process exits, for the signal it was
 *       installed for; {@link #disarm()} puts it back. The JVM's own handler (which would only exit
 *       with the same code) is not called, but it too is put back by {@code disarm()}.
 *   <li>A signal ignored when the trigger is armed (SIGHUP under {@code nohup}, SIGINT for a
 *       background job of a script) stays ignored, and an info line says so.
 *   <li>A signal the JVM keeps for itself is not listened to: {@code QUIT} (thread dumps),
 *       {@code USR2} (HotSpot's thread suspension on Linux), {@code SEGV}, {@code ILL},
 *       {@code FPE}, {@code BUS}, {@code TRAP}, {@code PIPE}, {@code XFSZ}, {@code KILL},
 *       {@code STOP}, and, under {@code -Xrs}, {@code INT}, {@code TERM} and {@code HUP}. That is
 *       one logged warning naming each signal and why, never a failure: the application starts,
 *       the other signals work, and {@code System.exit} still runs the actions through the
 *       coordinator's JVM shutdown hook. A malformed or unknown name, by contrast, is a
 *       configuration error and fails the install.
 * </ul>
 *
 * <p>Thread-safe: {@link #arm}, {@link #disarm} and {@link #actionsFinished} may be called from any
 * thread, and the signal handlers only hand the request to the coordinator, which returns at once.
 *
 * @since 0.1
 */
public final class SignalTrigger implements ExitTrigger {

    /** The system property that chooses the signals: a comma list such as {@code INT,TERM,HUP}. */
    public static final String SIGNALS_PROPERTY = SignalNames.PROPERTY;

    /** The {@link #name()} of every signal trigger, so that one made by {@link #of} replaces the discovered one. */
    public static final String NAME = SignalTrigger.class.getName();

    /** Looked up when first needed: the logging backend's start-up is no reason to slow the application's. */
    private static final class LazyLogger {
        static final System.Logger LOGGER = System.getLogger("dev.exitguard");
    }

    private enum State { NEW, ARMED, DISARMED }

    /** Names given in code, checked; null where the property or the defaults decide. */
    private final List<String> given;
    private final Function<String, String> properties;

    private final Object lock = new Object();
    private State state = State.NEW;
    private List<Armed> armed = List.of();

    /**
     * A trigger for the signals of {@code exitguard.signals}, or {@code INT} and {@code TERM}; the
     * constructor {@link java.util.ServiceLoader} uses. The property is read when the trigger is armed.
     */
    public SignalTrigger() {
        this(null, SystemProperties.INSTANCE);
    }

    /** {@code given}: names already checked by {@link SignalNames}, or null. */
    SignalTrigger(List<String> given, Function<String, String> properties) {
        this.given = given;
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /**
     * A trigger for the signals named, for {@code ExitGuard.builder().trigger(...)}, where it
     * replaces the discovered one. {@code exitguard.signals}, when set, still wins.
     *
     * @param names signal names such as {@code "INT"}, {@code "TERM"}, {@code "HUP"}; the
     *     {@code SIG} prefix and case do not matter
     * @return a trigger for those signals, not armed
     * @throws IllegalArgumentException naming every bad name: empty, unknown on this platform,
     *     or listed twice (a signal the JVM keeps, such as {@code QUIT}, is a warning at arm instead)
     */
    public static SignalTrigger of(String... names) {
        Objects.requireNonNull(names, "names");
        return new SignalTrigger(SignalNames.checkGiven(Arrays.asList(names)), SystemProperties.INSTANCE);
    }

    /**
     * Installs a handler for each signal, remembering what it replaces.
     *
     * @throws IllegalArgumentException if {@code exitguard.signals} is malformed or names an unknown
     *     signal
     * @throws IllegalStateException if the trigger was armed before
     */
    @Override
    public void arm(ExitRequests requests) {
        Objects.requireNonNull(requests, "requests");
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException(NAME + " can be armed once; it is " + state.name().toLowerCase(Locale.ROOT));
            }
            String property = properties.apply(SIGNALS_PROPERTY);
            List<String> names = property != null ? SignalNames.parseProperty(property)
                    : given != null ? given : SignalNames.DEFAULTS;
            List<Armed> done = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (String name : names) {
                if (SignalNames.reservedReason(name) != null) {
                    kept.add(name);
                    continue;
                }
                Armed one = install(name, requests, refused);
                if (one != null) {
                    done.add(one);
                }
            }
            String askedBy = property != null ? " (asked for by " + SIGNALS_PROPERTY + "=" + property + ")"
                    : given != null ? " (asked for by SignalTrigger.of)" : "";
            if (!kept.isEmpty() || !refused.isEmpty()) {
                LazyLogger.LOGGER.log(System.Logger.Level.WARNING, notListening(kept, refused, askedBy, done));
            }
            armed = List.copyOf(done);
            state = State.ARMED;
        }
    }

    /** Installs the handler for one signal; null if it is ignored, or refused (then added to {@code refused}). */
    private static Armed install(String name, ExitRequests requests, List<String> refused) {
        Signal signal = new Signal(name);
        ExitReason reason = ExitReason.signal(name, signal.getNumber());
        Handler handler = new Handler(requests, reason);
        SignalHandler previous;
        try {
            previous = Signal.handle(signal, handler);
        } catch (IllegalArgumentException e) {
            // HotSpot refuses with "Signal already used by VM or OS"; the name is all that is worth keeping.
            refused.add(name);
            return null;
        }
        if (previous == SignalHandler.SIG_IGN) {
            // HotSpot does not install a handler over an ignored SIGHUP, SIGINT or SIGTERM; for any
            // other signal it did, so ignoring it again keeps the process as it started.
            Signal.handle(signal, SignalHandler.SIG_IGN);
            LazyLogger.LOGGER.log(System.Logger.Level.INFO, "SIG" + name + " is ignored by this process (as under nohup,"
                    + " or for a background job of a script) and stays ignored; exitguard does not listen to it");
            return null;
        }
        return new Armed(name, signal, previous, handler);
    }

    /** The one warning of an arm that could not listen to every signal it was asked for. */
    private static String notListening(List<String> kept, List<String> refused, String askedBy, List<Armed> done) {
        List<String> reasons = new ArrayList<>();
        for (String name : kept) {
            reasons.add("SIG" + name + ": " + SignalNames.reservedReason(name));
        }
        if (!refused.isEmpty()) {
            reasons.add(refusal(refused));
        }
        List<String> missing = new ArrayList<>(kept);
        missing.addAll(refused);
        String listening = done.isEmpty() ? "It listens to no signal"
                : "It listens to SIG" + String.join(", SIG", done.stream().map(a -> a.name).toList());
        return "exitguard does not listen to " + signalList(missing) + askedBy + ": " + String.join("; ", reasons)
                + ". " + listening + "; exits by System.exit still run the exit actions, through the JVM shutdown hook"
                + (refused.isEmpty() ? "" : ", while " + signalList(refused) + " now end the process without them") + ".";
    }

    /** Why the JVM refused these signals, for a message. */
    private static String refusal(List<String> refused) {
        boolean xrs = refused.stream().anyMatch(SignalNames.SHUTDOWN_SIGNALS::contains);
        return "the JVM does not hand " + signalList(refused) + " over to Java code"
                + (xrs ? " (it runs with -Xrs, which keeps SIGINT, SIGTERM and SIGHUP for the JVM)"
                        : " (it or the OS uses " + (refused.size() == 1 ? "it" : "them") + ")");
    }

    private static String signalList(List<String> names) {
        return "SIG" + String.join(", SIG", names);
    }

    /** Puts back every handler the trigger replaced. Does nothing if it is not armed. */
    @Override
    public void disarm() {
        synchronized (lock) {
            if (state != State.ARMED) {
                return;
            }
            restore(armed);
            armed = List.of();
            state = State.DISARMED;
        }
    }

    private static void restore(List<Armed> installed) {
        for (int i = installed.size() - 1; i >= 0; i--) {
            Armed one = installed.get(i);
            try {
                SignalHandler current = Signal.handle(one.signal, one.previous);
                if (current != one.handler) {
                    // Someone took the signal over after the trigger was armed: theirs stays.
                    Signal.handle(one.signal, current);
                    LazyLogger.LOGGER.log(System.Logger.Level.DEBUG, () -> "SIG" + one.name + " was taken over by " + current
                            + " after exitguard; that handler stays");
                }
            } catch (IllegalArgumentException e) {
                LazyLogger.LOGGER.log(System.Logger.Level.WARNING, "could not restore the handler of SIG" + one.name + ": " + e);
            }
        }
    }

    /**
     * Calls the handler that was installed before this trigger for the signal that caused the exit,
     * if there was one of someone's own (not the JVM's, which would only exit with the same code).
     * Whatever it throws is logged.
     */
    @Override
    public void actionsFinished(ExitReason reason) {
        if (reason.kind() != ExitReason.Kind.SIGNAL) {
            return;
        }
        Armed cause = null;
        synchronized (lock) {
            // On the exit path: see the rule in dev.exitguard.core's package documentation.
            for (Armed one : armed) {
                if (one.name.equals(reason.detail())) {
                    cause = one;
                }
            }
        }
        if (cause == null || !callable(cause.previous)) {
            return;
        }
        try {
            cause.previous.handle(cause.signal);
        } catch (RuntimeException | Error e) {
            LazyLogger.LOGGER.log(System.Logger.Level.WARNING, "the handler of SIG" + cause.name + " installed before exitguard ("
                    + cause.previous + ") failed after the exit actions", e);
        }
    }

    /**
     * The signals this trigger listens to: none before it is armed or after it is disarmed.
     *
     * @return the names of the signals handled now, without {@code SIG}; unmodifiable
     */
    public List<String> signals() {
        synchronized (lock) {
            return armed.stream().map(a -> a.name).toList();
        }
    }

    /** {@code "signals INT, TERM"}: what it listens to once armed, what it was told before. */
    @Override
    public String description() {
        synchronized (lock) {
            if (state == State.ARMED) {
                return armed.isEmpty() ? "signals (none)" : "signals " + String.join(", ", signals());
            }
        }
        String property = properties.apply(SIGNALS_PROPERTY);
        return "signals " + (property != null ? property + " (" + SIGNALS_PROPERTY + ")"
                : String.join(", ", given != null ? given : SignalNames.DEFAULTS));
    }

    /** {@link #NAME}, the same for every instance. */
    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "SignalTrigger[" + description() + "]";
    }

    /**
     * Whether a handler found at arm is someone's own, to call after the actions: not the JVM's
     * default, nor ignoring, nor one the JDK made (the JVM's shutdown handler for INT, TERM and HUP,
     * or a native handler, which cannot be called from Java).
     */
    private static boolean callable(SignalHandler handler) {
        return handler != SignalHandler.SIG_DFL && handler != SignalHandler.SIG_IGN
                && handler.getClass().getClassLoader() != null;
    }

    /** Reads system properties; a named class, on the start-up path (see dev.exitguard.core's package rule). */
    private enum SystemProperties implements Function<String, String> {
        INSTANCE;

        @Override
        public String apply(String name) {
            return System.getProperty(name);
        }
    }

    /** One signal listened to, and what it replaced. */
    private record Armed(String name, Signal signal, SignalHandler previous, Handler handler) {
    }

    /** Asks for the exit; runs on a thread the JVM starts for each delivery. */
    private static final class Handler implements SignalHandler {
        private final ExitRequests requests;
        private final ExitReason reason;

        Handler(ExitRequests requests, ExitReason reason) {
            this.requests = requests;
            this.reason = reason;
        }

        @Override
        public void handle(Signal signal) {
            try {
                requests.requestExit(reason);
            } catch (RuntimeException | Error e) {
                // The signal must not be lost: end the process as the JVM's own handler would, which
                // still runs the actions from the coordinator's shutdown hook.
                LazyLogger.LOGGER.log(System.Logger.Level.WARNING, "exitguard could not start the exit for SIG" + reason.detail()
                        + "; exiting through the JVM", e);
                Runtime.getRuntime().exit(reason.exitCode().orElse(1));
            }
        }

        @Override
        public String toString() {
            return "exitguard handler for SIG" + reason.detail();
        }
    }
}
