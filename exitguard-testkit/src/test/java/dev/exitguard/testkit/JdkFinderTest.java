package dev.exitguard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.TestAbortedException;

/** Finding JDKs in a made-up world: fake homes (a release file and an executable bin/java) in a temporary folder. */
class JdkFinderTest {

    @TempDir
    Path root;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private Path current;
    private Path folder;

    private Path jdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home.toRealPath();
    }

    private List<Jdk> matrix() throws IOException {
        if (current == null) {
            current = jdk(root.resolve("current"), "17.0.13");
        }
        if (folder == null) {
            folder = Files.createDirectories(root.resolve("jvm"));
        }
        return new JdkFinder(new JdkFinder.Surroundings(properties::get, env, root.resolve("toolchains.xml"),
                List.of(root.resolve("absent"), folder), current, "17.0.13")).matrix();
    }

    private static String homes(List<Jdk> matrix) {
        return matrix.stream().map(jdk -> jdk.isFound() ? jdk.feature() + "=" + jdk.home().getFileName() : jdk.toString())
                .toList().toString();
    }

    @Test
    void thisJvmComesFirstThenTheNewestOfEachOtherFeatureInTheFolders() throws IOException {
        folder = Files.createDirectories(root.resolve("jvm"));
        jdk(folder.resolve("temurin-25-a"), "25.0.1");
        jdk(folder.resolve("temurin-25-b"), "25.0.10");
        jdk(folder.resolve("temurin-25-c"), "25.0.9");
        jdk(folder.resolve("java-21"), "21.0.5");
        jdk(folder.resolve("java-17-other"), "17.0.2");

        List<Jdk> matrix = matrix();

        assertEquals("[17=current, 25=temurin-25-b]", homes(matrix), "21 is not wanted by default");
        assertEquals("this JVM", matrix.get(0).source());
        assertEquals(folder.toString(), matrix.get(1).source());
        assertEquals("JDK 25.0.10", matrix.get(1).toString());
        assertEquals(matrix.get(1).home().resolve("bin/java"), matrix.get(1).java());
    }

    @Test
    void aMacOsHomeInContentsHomeIsFound() throws IOException {
        folder = Files.createDirectories(root.resolve("JavaVirtualMachines"));
        Path home = jdk(folder.resolve("temurin-25.jdk/Contents/Home"), "25");

        assertEquals(home, matrix().get(1).home());
    }

    @Test
    void theFeaturesWantedCanBeChosenAndThisJvmsIsNeverTwice() throws IOException {
        folder = Files.createDirectories(root.resolve("jvm"));
        jdk(folder.resolve("java-21"), "21.0.5");
        jdk(folder.resolve("java-11"), "11.0.22");
        properties.put(TestJdks.VERSIONS_PROPERTY, " 21, 17 ,11");

        assertEquals("[17=current, 11=java-11, 21=java-21]", homes(matrix()));
    }

    @Test
    void namedHomesWinOverEveryOtherSourceAndEachJoinsTheMatrix() throws IOException {
        folder = Files.createDirectories(root.resolve("jvm"));
        jdk(folder.resolve("found-25"), "25.0.2");
        Path named25 = jdk(root.resolve("named-25"), "25");
        Path named21 = jdk(root.resolve("named-21"), "21.0.1");
        Path fromEnv = jdk(root.resolve("env-23"), "23");
        properties.put(TestJdks.JDKS_PROPERTY, named25 + "," + named21);
        env.put(TestJdks.JDKS_ENV, fromEnv.toString());

        List<Jdk> matrix = matrix();

        assertEquals("[17=current, 21=named-21, 23=env-23, 25=named-25]", homes(matrix));
        assertEquals("-D" + TestJdks.JDKS_PROPERTY, matrix.get(3).source());
        assertEquals(TestJdks.JDKS_ENV, matrix.get(2).source());
    }

    @Test
    void aNamedHomeThatIsNoJdkIsAnErrorNamingIt() throws IOException {
        Path notAJdk = Files.createDirectories(root.resolve("not-a-jdk/bin"));
        properties.put(TestJdks.JDKS_PROPERTY, root.resolve("nowhere") + "," + notAJdk.getParent());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::matrix);

        assertEquals("-Dexitguard.test.jdks: [" + root.resolve("nowhere") + "] is not the home of a JDK: no such folder (in ["
                + properties.get(TestJdks.JDKS_PROPERTY) + "])", e.getMessage());
        properties.put(TestJdks.JDKS_PROPERTY, notAJdk.getParent().toString());
        assertEquals("-Dexitguard.test.jdks: [" + notAJdk.getParent() + "] is not the home of a JDK: it has no executable"
                + " bin/java (in [" + notAJdk.getParent() + "])", assertThrows(IllegalArgumentException.class, this::matrix)
                .getMessage());
    }

    @Test
    void mavenToolchainsAreReadWithTheirEnvironmentReferences() throws IOException {
        Path home = jdk(root.resolve("tools/jdk-25"), "25.0.1");
        env.put("TOOLS", root.resolve("tools").toString());
        Files.writeString(root.resolve("toolchains.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<toolchains>\n"
                + "  <toolchain><type>netbeans</type><configuration><jdkHome>/nope</jdkHome></configuration></toolchain>\n"
                + "  <toolchain><type>jdk</type><provides><version>25</version></provides>\n"
                + "    <configuration><jdkHome>${env.TOOLS}/jdk-25</jdkHome></configuration></toolchain>\n"
                + "</toolchains>\n");

        List<Jdk> matrix = matrix();

        assertEquals(home, matrix.get(1).home());
        assertEquals("Maven toolchains " + root.resolve("toolchains.xml"), matrix.get(1).source());
    }

    @Test
    void theJavaHomesCiImagesSetAreRead() throws IOException {
        Path home = jdk(root.resolve("hostedtoolcache/25"), "25.0.1");
        env.put("JAVA_HOME_25_X64", home.toString());

        assertEquals(home, matrix().get(1).home());
    }

    @Test
    void aMissingJdkSkipsSayingWhereItLookedAndHowToNameOne() throws IOException {
        Jdk missing = matrix().get(1);

        assertFalse(missing.isFound());
        assertEquals("JDK 25 (not found)", missing.toString());
        TestAbortedException skipped = assertThrows(TestAbortedException.class, missing::java);
        String message = skipped.getMessage();
        assertTrue(message.startsWith("no JDK 25 was found, so this does not run on JDK 25. Looked at"
                + " -Dexitguard.test.jdks and EXITGUARD_TEST_JDKS (neither names a JDK 25), Maven toolchains "
                + root.resolve("toolchains.xml") + " (no such file), JAVA_HOME_<feature>_<arch> (none set), JAVA_HOME"
                + " (not set), " + root.resolve("absent") + ", " + folder), message);
        assertTrue(message.endsWith("To run on JDK 25, name its home: mvn verify -Dexitguard.test.jdks=/path/to/jdk-25"
                + " (or EXITGUARD_TEST_JDKS=/path/to/jdk-25), or install one in one of those folders."), message);
    }

    @Test
    void aMissingRequiredJdkFails() throws IOException {
        properties.put(TestJdks.REQUIRE_PROPERTY, "17,25");

        Jdk missing = matrix().get(1);

        AssertionError failed = assertThrows(AssertionError.class, missing::home);
        assertTrue(failed.getMessage().startsWith("JDK 25 is required (-Dexitguard.test.requireJdks=17,25), but none was"
                + " found. Looked at"), failed.getMessage());
    }

    @Test
    void aRequiredJdkIsWantedEvenWhenTheListOfWantedOnesLeavesItOut() throws IOException {
        folder = Files.createDirectories(root.resolve("jvm"));
        jdk(folder.resolve("java-21"), "21.0.5");
        properties.put(TestJdks.VERSIONS_PROPERTY, "");
        properties.put(TestJdks.REQUIRE_PROPERTY, "21");

        assertEquals("[17=current, 21=java-21]", homes(matrix()));
    }

    @Test
    void aBadFeatureListIsAnErrorNamingTheProperty() {
        properties.put(TestJdks.REQUIRE_PROPERTY, "17,banana");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::matrix);

        assertEquals("exitguard.test.requireJdks: [banana] is not a Java feature release such as 17 or 25 (in [17,banana])",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"17.0.13, 17", "25, 25", "25-ea, 25", "1.8.0_392, 8", "11.0.2+9, 11", "21.0.5.1, 21"})
    void theFeatureIsReadFromTheReleaseVersion(String version, int feature) {
        assertEquals(feature, JdkFinder.featureOf(version));
    }

    @ParameterizedTest
    @CsvSource({"17.0.9, 17.0.13, -1", "25, 25.0.1, -1", "21.0.5, 21.0.5, 0", "17.0.13, 17.0.2, 1"})
    void versionsAreOrderedByTheirNumbers(String a, String b, int order) {
        assertEquals(order, Integer.signum(JdkFinder.compareVersions(a, b)));
    }

    @Test
    void theRealMatrixStartsWithThisJvm() {
        Jdk current = TestJdks.all().get(0);

        assertEquals(Runtime.version().feature(), current.feature());
        assertEquals(Path.of(System.getProperty("java.home")), current.home());
        assertTrue(Files.isExecutable(current.java()));
    }
}
