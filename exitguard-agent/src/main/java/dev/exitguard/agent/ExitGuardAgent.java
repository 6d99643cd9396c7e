package dev.exitguard.agent;

import dev.exitguard.core.ExitGuard;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Installs exitguard before the application's {@code main}, with no change to the application:
 *
 * <pre>
 * java -javaagent:exitguard-agent.jar -jar app.jar
 * java -javaagent:exitguard-agent.jar=deadline=20s,report=/var/log/app/exit.json -jar app.jar
 * </pre>
 *
 * or, in an executable jar's manifest, {@code Launcher-Agent-Class: dev.exitguard.agent.ExitGuardAgent}
 * with the agent's classes in the jar or on its {@code Class-Path} (the JVM passes such an agent no
 * options: the {@code exitguard.*} system properties configure it).
 *
 * <p>What it does, in this order, on the thread that will run {@code main}:
 * <ol>
 *   <li>Sets each option as the {@code exitguard.*} system property it names: {@code deadline},
 *       {@code haltGrace}, {@code actionTimeout}, {@code report}, {@code signals}, {@code foreignHooks},
 *       {@code secondSignal}, {@code duplicateSignalWindow}, {@code plan} (with or without the
 *       {@code exitguard.} prefix; a part without {@code =} continues the value before it, so
 *       {@code signals=INT,TERM,HUP} is one option). An unknown option, one given twice, or one that
 *       disagrees with a {@code -D} of the same property is an error.
 *   <li>Unless {@code exitguard.foreignHooks=leave}, opens {@code java.lang} to the module that holds
 *       exitguard's core (through {@link Instrumentation#redefineModule}), so that exitguard can adopt
 *       the JVM's other shutdown hooks: every hook any library registers, before or after, then runs
 *       inside the exit, after {@code TELEMETRY}, bounded and reported. On the class path that module
 *       is the unnamed module of the application class loader, as with
 *       {@code --add-opens java.base/java.lang=ALL-UNNAMED}; on the module path it is
 *       {@code dev.exitguard.core}.
 *   <li>Installs the guard with the system class loader, which loads the application's main class:
 *       the {@link java.util.ServiceLoader} actions and triggers of the application's class path and
 *       module path, SIGINT and SIGTERM from the signals inside this jar, the {@code exitguard.*}
 *       properties, and foreign hooks adopted unless {@code exitguard.foreignHooks=leave}.
 * </ol>
 * If any step fails (a bad option or property value, an invalid action), it prints why on standard
 * error, naming the option or property, and the JVM exits with status {@value #FAILED_TO_START}
 * before {@code main} runs: an application that was to run guarded does not run unguarded.
 *
 * <p><b>An application that has exitguard itself.</b> The agent's jar is appended to the system
 * class path, so the application class loader loads each exitguard class once, from the first
 * place it finds it: the application's own jars where it has them, the agent's jar otherwise. There
 * is one {@code ExitGuard} class, and one guard: the application's {@code ExitGuard.install()}
 * returns the one the agent installed, and {@code register} adds to it; a
 * {@code ExitGuard.builder()...install()} fails, as a second install always does, with a message
 * saying so. Keep the two at one version; the agent says which copy it runs with.
 *
 * @since 0.1
 */
public final class ExitGuardAgent {

    /** The status the JVM exits with when the agent cannot install exitguard. */
    public static final int FAILED_TO_START = 1;

    private static final System.Logger LOG = System.getLogger("dev.exitguard");

    private ExitGuardAgent() {
    }

    /**
     * Called by the JVM for {@code -javaagent:exitguard-agent.jar[=options]}, before {@code main}.
     *
     * @param options the text after {@code =}, or null
     * @param instrumentation what the JVM lets the agent do
     */
    public static void premain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

    /**
     * Called by the JVM before {@code main} when an executable jar names this class as its
     * {@code Launcher-Agent-Class}; no options come with it.
     *
     * @param options null or empty for a launcher agent
     * @param instrumentation what the JVM lets the agent do
     */
    public static void agentmain(String options, Instrumentation instrumentation) {
        start(options, instrumentation);
    }

    private static void start(String options, Instrumentation instrumentation) {
        try {
            install(options, instrumentation);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("exitguard-agent: " + describe(e) + (options == null || options.isBlank() ? ""
                    : "\n  (agent options: " + options + ")") + "\nexitguard-agent: the application is not started");
            System.err.flush();
            System.exit(FAILED_TO_START);
        }
    }

    /**
     * Does what the class comment says and returns the installed guard; throws what {@link #start}
     * reports.
     */
    static ExitGuard install(String options, Instrumentation instrumentation) {
        Objects.requireNonNull(instrumentation, "instrumentation");
        Optional<ExitGuard> already = ExitGuard.installed();
        if (already.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "exitguard-agent: exitguard is installed already (" + already.get()
                    + "); the agent leaves it as it is");
            return already.get();
        }
        AgentOptions parsed = AgentOptions.parse(options);
        parsed.applyTo(System.getProperties());
        if (adopts(System.getProperty(AgentOptions.PREFIX + "foreignHooks"))) {
            openJavaLang(instrumentation, ExitGuard.class.getModule());
        }
        sayWhichCopy();
        return ExitGuard.builder()
                .classLoader(ClassLoader.getSystemClassLoader())
                .adoptForeignHooks(true)
                .install();
    }

    /**
     * Whether exitguard is to adopt hooks, as the property says: adopt unless it says leave (a bad
     * value fails the install anyway).
     */
    static boolean adopts(String property) {
        return property == null || !property.strip().toLowerCase(Locale.ROOT).equals("leave");
    }

    /** Opens {@code java.lang} to {@code core}, the module exitguard's core is in, unless it is open already. */
    static void openJavaLang(Instrumentation instrumentation, Module core) {
        Module javaBase = Object.class.getModule();
        if (javaBase.isOpen("java.lang", core)) {
            return;
        }
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(core)), Set.of(),
                Map.of());
    }

    /** Says where exitguard's classes come from when they are not the agent's own copy. */
    private static void sayWhichCopy() {
        URL agent = location(ExitGuardAgent.class);
        URL core = location(ExitGuard.class);
        if (agent == null || core == null || agent.equals(core)) {
            return;
        }
        String agentVersion = version(agent);
        String coreVersion = version(core);
        boolean differ = agentVersion == null || !agentVersion.equals(coreVersion);
        String unknown = "of unknown version";
        LOG.log(differ ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                "exitguard-agent: exitguard's classes come from " + core + " (exitguard-core "
                        + Objects.requireNonNullElse(coreVersion, unknown) + "), which the application has, not from"
                        + " the agent's " + agent + " (" + Objects.requireNonNullElse(agentVersion, unknown)
                        + "); one copy serves both" + (differ ? ", so keep the two at one version" : ""));
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** The exitguard-core version a jar or folder carries in its Maven descriptor, if it has one. */
    private static String version(URL location) {
        String descriptor = "META-INF/maven/dev.exitguard/exitguard-core/pom.properties";
        String text = location.toString();
        try {
            URL url = text.endsWith("/") ? new URL(location, descriptor) : new URL("jar:" + text + "!/" + descriptor);
            try (InputStream in = url.openStream()) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message;
    }
}
