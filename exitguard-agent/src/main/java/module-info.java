/**
 * exitguard as a Java agent: {@code java -javaagent:exitguard-agent.jar -jar app.jar} installs
 * exitguard before {@code main}, with no change to the application, and adopts the JVM's other
 * shutdown hooks into the exit. See {@link dev.exitguard.agent.ExitGuardAgent}.
 *
 * <p>The module's sources are this package alone; the artifact {@code exitguard-agent} is one
 * self-contained jar that also holds {@code dev.exitguard.api}, {@code dev.exitguard.core} and
 * {@code dev.exitguard.signals}, for the JVM's {@code -javaagent} flag, which puts it on the class
 * path.
 */
module dev.exitguard.agent {
    requires java.instrument;
    requires dev.exitguard.core;

    exports dev.exitguard.agent;
}
