package dev.exitguard.testkit;

import java.util.List;

/**
 * The JDKs the child JVMs of the tests run on: this JVM's, then one of each other feature release
 * wanted, found the standard ways, in this order of precedence:
 * <ol>
 *   <li>the homes named by {@value #JDKS_PROPERTY} (a system property, given to Maven as
 *       {@code -Dexitguard.test.jdks=/path/a,/path/b}) and by the environment variable
 *       {@value #JDKS_ENV}; every one named joins the matrix, and one that is not a JDK is an error;</li>
 *   <li>the JDK toolchains of Maven's {@code ~/.m2/toolchains.xml};</li>
 *   <li>the {@code JAVA_HOME_<feature>_<arch>} variables CI images set (GitHub Actions, Azure);</li>
 *   <li>{@code JAVA_HOME};</li>
 *   <li>the folders JDKs are installed in: {@code /usr/lib/jvm}, {@code /usr/java}, {@code /opt/java},
 *       {@code /Library/Java/JavaVirtualMachines}, SDKMAN's, IntelliJ's {@code ~/.jdks}, asdf's.</li>
 * </ol>
 * A home's feature release is read from its {@code release} file ({@code JAVA_VERSION}); where a
 * source holds several of one feature, the newest wins. The features wanted are
 * {@value #VERSIONS_PROPERTY} (default {@value #DEFAULT_VERSIONS}: the oldest release exitguard
 * supports and the newest long-term one). A wanted JDK that is not found stays in the matrix as
 * missing: a test run on it is skipped, saying where the suite looked and how to point it at one,
 * unless {@value #REQUIRE_PROPERTY} (e.g. {@code 17,25}) names it, which makes it a failure, so that
 * a CI run never silently loses it. Read once per JVM; thread-safe.
 *
 * @since 0.1
 */
public final class TestJdks {

    /** JDK homes to run on, separated by commas (or the path separator). */
    public static final String JDKS_PROPERTY = "exitguard.test.jdks";

    /** The same as {@link #JDKS_PROPERTY}, from the environment. */
    public static final String JDKS_ENV = "EXITGUARD_TEST_JDKS";

    /** The feature releases wanted besides this JVM's, separated by commas. */
    public static final String VERSIONS_PROPERTY = "exitguard.test.jdkVersions";

    /** The features wanted unless {@link #VERSIONS_PROPERTY} says otherwise. */
    public static final String DEFAULT_VERSIONS = "17,25";

    /** The feature releases that must be found, separated by commas: a missing one fails the tests that want it. */
    public static final String REQUIRE_PROPERTY = "exitguard.test.requireJdks";

    private static List<Jdk> matrix;

    private TestJdks() {
    }

    /**
     * This JVM's JDK first, then the others wanted, found or missing; what {@link OnEachJdk} runs a test on.
     *
     * @throws IllegalArgumentException if a property or {@value #JDKS_ENV} holds a bad value, naming it
     */
    public static synchronized List<Jdk> all() {
        if (matrix == null) {
            matrix = List.copyOf(new JdkFinder(JdkFinder.Surroundings.ofThisJvm()).matrix());
        }
        return matrix;
    }

    /**
     * The JDKs of {@link #all()} that were found, for a test that spreads its runs over them.
     *
     * @throws AssertionError if a required JDK is missing, saying so
     */
    public static List<Jdk> found() {
        for (Jdk jdk : all()) {
            if (!jdk.isFound() && jdk.isRequired()) {
                jdk.home();
            }
        }
        return all().stream().filter(Jdk::isFound).toList();
    }

    static Jdk current() {
        return all().get(0);
    }
}
