package dev.reaper.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a {@code reaper.*} key comes from decides what a misspelt one costs: from a properties file or
 * the launcher it fails every test; from a system property alone (the build's namespace too) a warning.
 */
class ConfigKeySourcesTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream warnings = new PrintStream(console, true, StandardCharsets.UTF_8);

    private final LauncherKeys launcherKeys = new LauncherKeys();

    @Test
    void aKeyAlsoInAFileOrGivenToTheLauncherIsConfiguredNotSystemOnly() {
        VisibleKeys keys = VisibleKeys.of(Set.of("reaper.version", "reaper.both", "reaper.fromFileToo", "java.home"),
                Set.of("reaper.launcher", "reaper.both"), Set.of("reaper.file", "reaper.fromFileToo"));

        assertThat(keys.configured()).containsExactlyInAnyOrder("reaper.launcher", "reaper.both", "reaper.file",
                "reaper.fromFileToo");
        assertThat(keys.systemOnly()).containsExactly("reaper.version");
    }

    @Test
    void everyPropertiesFileTheLoaderSeesCounts(@TempDir Path temp) throws IOException {
        try (URLClassLoader loader = loaderWith(temp, "reaper.timout = 5 s\njunit.jupiter.x = y\n")) {
            assertThat(VisibleKeys.fileKeys(loader)).contains("reaper.timout", "junit.jupiter.x");
        }
    }

    @Test
    void theLauncherListsSystemPropertiesTooButOnlyItsOwnValuesCount() throws Exception {
        Map<String, String> plan = Map.of("reaper.launcherOnly", "1", "reaper.overridden", "launcher",
                "reaper.systemOnly", "same", "junit.jupiter.x", "y");
        withSystemProperties(Map.of("reaper.overridden", "system", "reaper.systemOnly", "same"), () -> {
            launcherKeys.remember(plan.keySet(), key -> Optional.ofNullable(plan.get(key)));
            return null;
        });

        assertThat(launcherKeys.all()).containsExactlyInAnyOrder("reaper.launcherOnly", "reaper.overridden");
    }

    @Test
    void anUnknownSystemPropertyAloneIsToldOnceNamingTheKeysReaperReads() {
        Set<String> told = new HashSet<>();

        StraySystemProperties.warn(Set.of("reaper.version", "reaper.timeout.default", "java.home"), warnings, told);
        StraySystemProperties.warn(Set.of("reaper.version"), warnings, told);

        assertThat(console.toString(StandardCharsets.UTF_8).lines()).containsExactly("Reaper: warning: ignoring the"
                + " system property reaper.version, which is not a Reaper setting; Reaper reads reaper.timeout.default,"
                + " " + String.join(", ", ConfigKeys.ALL.subList(1, ConfigKeys.ALL.size())));
    }

    @Test
    void severalAreToldInOneLine() {
        StraySystemProperties.warn(List.of("reaper.version", "reaper.build"), warnings, new HashSet<>());

        assertThat(console.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("Reaper: warning: ignoring the system properties reaper.build, reaper.version, which are"
                        + " not Reaper settings; Reaper reads reaper.timeout.default, ");
    }

    @Test
    void aSessionWithAnUnknownSystemPropertyStartsAndWarns() throws Exception {
        Session session = withSystemProperties(Map.of("reaper.configKeySourcesTest.version", "1.2"),
                () -> Session.read(key -> Optional.ofNullable(System.getProperty(key)), launcherKeys,
                        warnings));

        assertThat(session.settings().testTimeout()).isEqualTo(Settings.DEFAULT_TIMEOUT);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("ignoring the system property reaper.configKeySourcesTest.version,");
    }

    @Test
    void anUnknownKeyGivenToTheLauncherAndAsASystemPropertyFails() {
        launcherKeys.remember(Set.of("reaper.configKeySourcesTest.both"), key -> Optional.of("launcher"));

        assertThatThrownBy(() -> withSystemProperties(Map.of("reaper.configKeySourcesTest.both", "system"),
                () -> Session.read(key -> Optional.empty(), launcherKeys, warnings)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(
                        "unknown key reaper.configKeySourcesTest.both; Reaper reads reaper.timeout.default,");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anUnknownKeyInAPropertiesFileAndAsASystemPropertyFails(@TempDir Path temp) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader loader = loaderWith(temp, "reaper.configKeySourcesTest.inFile = 1\n")) {
            thread.setContextClassLoader(loader);
            assertThatThrownBy(() -> withSystemProperties(Map.of("reaper.configKeySourcesTest.inFile", "1"),
                    () -> Session.read(key -> Optional.empty(), launcherKeys, warnings)))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("unknown key reaper.configKeySourcesTest.inFile;");
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    private static URLClassLoader loaderWith(Path directory, String properties) throws IOException {
        Files.writeString(directory.resolve("junit-platform.properties"), properties);
        return new URLClassLoader(new URL[] {directory.toUri().toURL()}, ConfigKeySourcesTest.class.getClassLoader());
    }

    /** Runs {@code action} with {@code properties} set, then puts back what was there. */
    static <T> T withSystemProperties(Map<String, String> properties, Callable<T> action) throws Exception {
        Map<String, String> before = new HashMap<>();
        properties.keySet().forEach(key -> before.put(key, System.getProperty(key)));
        try {
            properties.forEach(System::setProperty);
            return action.call();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }
}
