package dev.reaper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.reaper.HungTestException;
import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.internal.config.ConfigKeys;
import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.testing.ChildJvm;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;

/**
 * Reaper through the launcher, as Surefire runs it: switched on by configuration alone (extension
 * autodetection), registered once even when a class also says {@code @Reaper}, a misspelt
 * {@code reaper.*} key passed to the launcher caught, and one that only a system property sets (the
 * build's, say) told about without failing anything.
 */
class LauncherActivationTest {

    static class NoAnnotation {

        @Test
        void sleeps() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Reaper(timeout = "300 ms")
    static class AnnotatedToo {

        @Test
        void sleeps() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    static class Passes {

        @Reaper
        @Test
        void passes() {
        }
    }

    static class PassesHereAndInAWorker {

        @Reaper
        @Test
        void here() {
        }

        @Reaper(isolation = Isolation.FORK)
        @Test
        void inAWorker() {
        }
    }

    private final Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();

    private String launch(Class<?> testClass, Map<String, String> configuration) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(testClass)).configurationParameters(configuration).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (test.isTest()) {
                                results.put(test.getDisplayName(), result);
                            }
                        }
                    });
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        original.print(printed);
        return printed;
    }

    @Test
    void configurationAloneSwitchesReaperOn() {
        launch(NoAnnotation.class, Map.of("junit.jupiter.extensions.autodetection.enabled", "true",
                "reaper.timeout.default", "300 ms", "reaper.grace", "300 ms"));

        Throwable failure = results.get("sleeps()").getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(HungTestException.class);
        assertThat(((HungTestException) failure).stoppedBy()).contains(Rung.INTERRUPT);
    }

    @Test
    void autodetectedAndDeclaredIsStillOneGuard() {
        String printed = launch(AnnotatedToo.class, Map.of("junit.jupiter.extensions.autodetection.enabled", "true"));

        assertThat(results.get("sleeps()").getThrowable()).containsInstanceOf(HungTestException.class);
        assertThat(printed.lines().filter(line -> line.contains("exceeded its timeout of 300 ms; interrupting")))
                .hasSize(1);
    }

    @Test
    void aMisspeltKeyPassedToTheLauncherFailsNamingIt() {
        launch(Passes.class, Map.of("reaper.run.timout", "5 s"));

        assertThat(results.get("passes()").getThrowable().orElseThrow())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown key reaper.run.timout");
        // Only that run had the key: the next one, outside any launcher, is not blamed for it.
        Kit.run(Passes.class).assertSuccessful("passes()");
    }

    @Test
    void anUnknownKeySetOnlyAsASystemPropertyIsNoFailure() {
        String before = System.setProperty("reaper.something", "x");
        try {
            launch(Passes.class, Map.of());
        } finally {
            restore("reaper.something", before);
        }

        assertThat(results.get("passes()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void anUnknownKeyPassedToTheLauncherFailsEvenWhenASystemPropertyHasItToo() {
        String before = System.setProperty("reaper.run.timout", "5 s");
        try {
            launch(Passes.class, Map.of("reaper.run.timout", "6 s"));
        } finally {
            restore("reaper.run.timout", before);
        }

        assertThat(results.get("passes()").getThrowable().orElseThrow())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown key reaper.run.timout");
    }

    @Test
    void anUnknownKeySetOnlyAsASystemPropertyIsToldInOneLine() throws Exception {
        // A JVM of its own: the warning goes to the process's standard error. Not again from the worker,
        // which gets the property too.
        ChildJvm.Outcome outcome = ChildJvm.run(List.of("-Dreaper.something=x"), PassesHereAndInAWorker.class);

        assertThat(outcome.output()).contains("RESULT here() SUCCESSFUL", "RESULT inAWorker() SUCCESSFUL");
        assertThat(outcome.output().lines().filter(line -> line.contains("reaper.something")))
                .singleElement().asString()
                .isEqualTo("Reaper: warning: ignoring the system property reaper.something, which is not a Reaper"
                        + " setting; Reaper reads " + String.join(", ", ConfigKeys.ALL));
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
