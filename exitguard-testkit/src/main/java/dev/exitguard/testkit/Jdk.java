package dev.exitguard.testkit;

import java.nio.file.Path;
import java.util.Objects;
import org.opentest4j.TestAbortedException;

/**
 * One JDK a child JVM can run on, as {@link TestJdks} found it, or the place of one it did not
 * find. Asking a missing JDK for its {@link #home()} or {@link #java()} skips the test (aborts it,
 * with the reason and how to point the suite at such a JDK), or fails it where
 * {@value TestJdks#REQUIRE_PROPERTY} names that JDK. Immutable.
 *
 * @since 0.1
 */
public final class Jdk {

    private final int feature;
    private final String version;
    private final Path home;
    private final String source;
    private final String absence;
    private final boolean required;

    private Jdk(int feature, String version, Path home, String source, String absence, boolean required) {
        this.feature = feature;
        this.version = version;
        this.home = home;
        this.source = source;
        this.absence = absence;
        this.required = required;
    }

    static Jdk found(int feature, String version, Path home, String source) {
        return new Jdk(feature, Objects.requireNonNull(version, "version"), Objects.requireNonNull(home, "home"),
                Objects.requireNonNull(source, "source"), null, false);
    }

    static Jdk missing(int feature, String absence, boolean required) {
        return new Jdk(feature, null, null, null, Objects.requireNonNull(absence, "absence"), required);
    }

    /** The JDK this JVM runs on. */
    public static Jdk current() {
        return TestJdks.current();
    }

    /** The feature release, e.g. 17 or 25. */
    public int feature() {
        return feature;
    }

    /** The release's full version, e.g. {@code 17.0.13}; null if the JDK is missing. */
    String version() {
        return version;
    }

    /** Whether the JDK was found; a missing one skips (or fails) the test that asks for its home. */
    public boolean isFound() {
        return home != null;
    }

    /** Whether a missing one fails the tests that want it, rather than skipping them. */
    boolean isRequired() {
        return required;
    }

    /** Where it was found ({@code this JVM}, {@code -Dexitguard.test.jdks}, a folder such as {@code /usr/lib/jvm}). */
    public String source() {
        return isFound() ? source : "nowhere";
    }

    /**
     * The JDK's home.
     *
     * @throws TestAbortedException if the JDK was not found and is not required: the test is skipped, saying why
     * @throws AssertionError if the JDK was not found and is required
     */
    public Path home() {
        if (home == null) {
            if (required) {
                throw new AssertionError(absence);
            }
            throw new TestAbortedException(absence);
        }
        return home;
    }

    /** The JDK's {@code bin/java}; skips or fails the test as {@link #home()} does. */
    public Path java() {
        return home().resolve("bin").resolve("java");
    }

    /** {@code JDK 17.0.13}, or {@code JDK 25 (not found)}: what a parameterized test's name shows. */
    @Override
    public String toString() {
        return isFound() ? "JDK " + version : "JDK " + feature + " (not found)";
    }
}
