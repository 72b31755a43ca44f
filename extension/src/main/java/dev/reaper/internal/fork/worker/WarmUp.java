package dev.reaper.internal.fork.worker;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.reaper.Reaper;

/**
 * Runs one trivial test in a new worker before it reports ready. The first test a JVM runs loads and
 * links most of JUnit and Reaper, which takes far longer than the next test (BENCHMARKS.md has the
 * times). A standby worker starts in the background, so this moves that cost out of the first test
 * that runs on it (the test after a kill, or after a retired worker); for the very first worker of a
 * run the cost is the same, paid before instead of during the first test.
 *
 * <p>Its own launcher, with no auto-registered listeners, so that listeners the project registers
 * never see this test.
 */
public final class WarmUp {

    private WarmUp() {
    }

    public static void run() {
        try {
            LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .enableLauncherDiscoveryListenerAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .build())
                    .execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectClass(Sample.class))
                            .configurationParameters(Map.of("reaper.mode", "enabled"))
                            .build());
        } catch (RuntimeException | LinkageError notWarm) {
            // Only slower: the first real test pays for what this did not load.
        }
    }

    /** The test: guarded by Reaper, with the lifecycle methods of a typical test. */
    @Reaper(timeout = "30 s")
    static class Sample {

        private int state;

        @BeforeEach
        void setUp() {
            state = 1;
        }

        @Test
        void runs() {
            state++;
        }

        @AfterEach
        void tearDown() {
            state = 0;
        }
    }
}
