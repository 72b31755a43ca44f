package dev.reaper.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/**
 * A fork-isolated class inside a {@code @Suite}: the suite engine's own discovery applies no
 * post-discovery filter, so the Reaper engine leaves the class to the Jupiter engine there (test by
 * test, in workers), and every test runs once.
 */
class ForkInSuiteTest {

    @Suite
    @SelectClasses(ByClassFixtures.TenTests.class)
    static class TenTestsSuite {
    }

    @TempDir
    Path dir;

    @Test
    void everyTestOfAForkIsolatedClassInASuiteRunsOnceInAWorker() throws Exception {
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        System.setProperty(ByClassFixtures.DIR, dir.toString());
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(TenTestsSuite.class)).build(), new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (test.isTest() && results.put(test.getUniqueId(), result) != null) {
                                throw new AssertionError("finished twice: " + test.getUniqueId());
                            }
                        }
                    });
        } finally {
            System.clearProperty(ByClassFixtures.DIR);
        }

        assertThat(results).hasSize(10);
        assertThat(results.values())
                .allSatisfy(result -> assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        List<String> workers = Files.readAllLines(dir.resolve("beforeAll"));
        assertThat(workers).hasSize(10).doesNotContain(String.valueOf(ProcessHandle.current().pid()));
    }
}
