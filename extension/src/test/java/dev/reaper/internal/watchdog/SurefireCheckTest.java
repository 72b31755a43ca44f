package dev.reaper.internal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurefireCheckTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "2.22.2, false", "3.0.0-M5, false", "3.0.0-M6, true", "3.0.0-M9, true", "3.0.0, true", "3.2.5, true",
            "3.5.5, true", "3.5.6, false", "3.6.0, false", "4.0.0-beta-1, false", "not-a-version, false"})
    void onlyTheReleasesWhoseForkTimeoutDoesNotKillAreWarnedAbout(String version, boolean warned) {
        assertThat(SurefireCheck.timeoutDoesNotKill(version)).isEqualTo(warned);
    }

    @Test
    void aBooterWhoseTimeoutDoesNotKillIsNamedInTheWarning() throws IOException {
        try (URLClassLoader booter = booter("3.5.2")) {
            assertThat(SurefireCheck.warning(booter)).hasValueSatisfying(warning -> assertThat(warning)
                    .startsWith("Reaper: warning: Maven Surefire 3.5.2 does not kill a fork")
                    .contains("SUREFIRE-2049", "reaper.run.timeout"));
        }
        try (URLClassLoader booter = booter("3.5.6")) {
            assertThat(SurefireCheck.warning(booter)).isEmpty();
        }
        try (URLClassLoader none = new URLClassLoader(new URL[0], null)) {
            assertThat(SurefireCheck.warning(none)).isEmpty();
        }
    }

    @Test
    void underSurefireTheBooterThatStartedThisJvmIsFound() {
        assumeTrue(System.getProperty("surefire.real.class.path") != null, "not run by Surefire");
        assertThat(SurefireCheck.version(ClassLoader.getSystemClassLoader()))
                .hasValueSatisfying(version -> assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    /** A class path that holds only what identifies a Surefire booter of that version. */
    private URLClassLoader booter(String version) throws IOException {
        Path root = Files.createTempDirectory(dir, "booter");
        Path pom = root.resolve("META-INF/maven/org.apache.maven.surefire/surefire-booter/pom.properties");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom,
                "groupId=org.apache.maven.surefire\nartifactId=surefire-booter\nversion=" + version + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
