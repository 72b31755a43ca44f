package dev.reaper.report;

import static dev.reaper.report.ReportFiles.events;
import static dev.reaper.report.ReportFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.reaper.testing.ChildJvm;

/**
 * The run watchdog around the run: a JVM killed from outside right after a hung test was reported leaves
 * that report whole, and a JVM that only discovers tests is not watched. (What it does when a budget runs
 * out: {@link RunBudgetTest}.)
 */
class RunWatchdogTest {

    @TempDir
    Path dir;

    @Test
    void aJvmKilledRightAfterAHungTestWasReportedLeavesACompleteReport() throws Exception {
        Path output = dir.resolve("output.txt");
        Process child = ChildJvm.start(List.of(), HungThenStuckFixture.class, output, "reaper.report.dir=" + dir);
        try {
            await().atMost(Duration.ofMinutes(1)).until(
                    () -> Files.readString(output, StandardCharsets.UTF_8).contains("RESULT hangs() FAILED"));
        } finally {
            child.destroyForcibly().waitFor();
        }
        Map<String, Object> report = ReportFiles.json(dir, child.pid());
        assertThat(events(report, "hung")).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("test", "HungThenStuckFixture.hangs()"));
    }

    @Test
    void aJvmThatOnlyDiscoversTestsIsNotWatched() {
        // As Surefire's Maven JVM does with forkCount > 1: the launcher and its listeners exist, nothing runs.
        LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(WatchdogFixture.class))
                .configurationParameters(Map.of("reaper.run.timeout", "1 h", "reaper.run.stall", "1 h"))
                .build());

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals("reaper-run-watchdog"));
    }
}
