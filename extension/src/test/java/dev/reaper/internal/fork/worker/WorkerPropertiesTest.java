package dev.reaper.internal.fork.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reaper.internal.fork.channel.Message;
import dev.reaper.internal.util.WorkerJvm;

/** Which system properties a worker is sent, and that each test sends only what changed. */
class WorkerPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"java.home", "java.io.tmpdir", "java.class.path", "jdk.module.path", "sun.java.command",
            "os.name", "user.dir", "user.home", "user.name", "file.encoding", "line.separator", "path.separator",
            "native.encoding",
            "stdout.encoding", "stderr.encoding", "surefire.real.class.path", WorkerJvm.PROPERTY})
    void theJvmsOwnAreNotForwarded(String key) {
        assertThat(WorkerProperties.isForwarded(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"basedir", "localRepository", "db.url", "surefire.test.class.path", "reaper.version",
            "javax.net.ssl.trustStore", "userName", "javaVersion", "user.timezone", "user.language"})
    void whatTheBuildAndTestsSetIs(String key) {
        assertThat(WorkerProperties.isForwarded(key)).isTrue();
    }

    @Test
    void firstEverythingForwardedThenOnlyWhatChanged() {
        Properties properties = properties("basedir", "/build/app", "db.url", "jdbc:h2:mem:a", "java.home", "/jdk",
                "user.dir", "/build/app");
        WorkerProperties forwarded = new WorkerProperties(List.of());

        assertThat(forwarded.changes(properties)).isEqualTo(new Message.SystemProperties(
                Map.of("basedir", "/build/app", "db.url", "jdbc:h2:mem:a"), List.of()));
        assertThat(forwarded.changes(properties).isEmpty()).isTrue();

        properties.setProperty("db.url", "jdbc:h2:mem:b");
        properties.setProperty("later", "set by a test");
        properties.remove("basedir");
        properties.setProperty("java.home", "/elsewhere");
        assertThat(forwarded.changes(properties)).isEqualTo(new Message.SystemProperties(
                Map.of("db.url", "jdbc:h2:mem:b", "later", "set by a test"), List.of("basedir")));
        assertThat(forwarded.changes(properties).isEmpty()).isTrue();
    }

    @Test
    void whatTheWorkersOwnOptionsSetIsLeftToThem() {
        Properties properties = properties("fork.marker", "parent", "flag", "parent", "db.url", "x");

        Message.SystemProperties first = new WorkerProperties(List.of("-Xmx256m", "-Dfork.marker=42", "-Dflag"))
                .changes(properties);

        assertThat(first.set()).containsOnlyKeys("db.url");
    }

    @Test
    void theWorkerNeverLetsTheParentSetTheJvmsOwn() {
        String before = System.getProperty("java.reaper.workerPropertiesTest");
        try {
            WorkerProperties.apply(new Message.SystemProperties(
                    Map.of("java.reaper.workerPropertiesTest", "from the parent",
                            "workerPropertiesTest.db.url", "from the parent"),
                    List.of()));

            assertThat(System.getProperty("java.reaper.workerPropertiesTest")).isEqualTo(before);
            assertThat(System.getProperty("workerPropertiesTest.db.url")).isEqualTo("from the parent");

            WorkerProperties.apply(new Message.SystemProperties(Map.of(), List.of("workerPropertiesTest.db.url")));
            assertThat(System.getProperty("workerPropertiesTest.db.url")).isNull();
        } finally {
            System.clearProperty("workerPropertiesTest.db.url");
        }
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }
}
