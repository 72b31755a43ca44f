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
 * The run watchdog in child JVMs it really ends: a stall and a spent run budget each end the JVM with
 * status 124, naming the running test on the console and in a complete report; and a JVM killed from
 * outside right after a hung test was reported leaves that report whole.
 */
class RunWatchdogTest {

    @TempDir
    Path dir;

    @Test
    void aStallEndsTheJvmNamingTheRunningTest() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), WatchdogFixture.class, "reaper.run.stall=2 s",
                "reaper.report.dir=" + dir);

        assertThat(outcome.exitCode()).isEqualTo(124);
        assertThat(outcome.output())
                .contains("RESULT passes() SUCCESSFUL")
                .contains("Reaper: run watchdog: no test finished for ")
                .contains("(reaper.run.stall=2 s); ending the JVM with status 124")
                .contains("Reaper:   WatchdogFixture.hangs() has been running for ")
                .contains("Reaper:   ended before, in the classes still running (the halt costs them their XML report):"
                        + " WatchdogFixture.passes() SUCCESSFUL")
                .contains("Hangs.sleepSwallowingInterrupts")
                .doesNotContain("LAUNCHER DONE");
        Map<String, Object> watchdog = watchdogEvent(outcome);
        assertThat(watchdog).containsEntry("reason", "stall").containsEntry("exitStatus", "124")
                .containsEntry("finishedTests", Map.of("SUCCESSFUL", "1"))
                .containsEntry("finishedInRunningClasses", List.of(Map.of("test", "WatchdogFixture.passes()",
                        "status", "SUCCESSFUL")));
        assertThat(map(((List<?>) watchdog.get("running")).get(0))).containsEntry("test", "WatchdogFixture.hangs()");
        assertThat(Files.readString(dir.resolve((String) watchdog.get("dump")), StandardCharsets.UTF_8))
                .contains("Hangs.sleepSwallowingInterrupts", "\"reaper-run-watchdog\"");
        assertThat(Files.readString(dir.resolve("summary.md"), StandardCharsets.UTF_8))
                .contains("run watchdog (stall)", "`WatchdogFixture.hangs()");
    }

    @Test
    void aSpentRunBudgetEndsTheJvm() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), WatchdogFixture.class, "reaper.run.timeout=3 s",
                "reaper.report.dir=" + dir);

        assertThat(outcome.exitCode()).isEqualTo(124);
        assertThat(outcome.output()).contains("Reaper: run watchdog: the run exceeded its budget of 3 s (reaper.run.timeout)");
        assertThat(watchdogEvent(outcome)).containsEntry("reason", "run-timeout");
    }

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

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("reaper-run-watchdog"));
    }

    private Map<String, Object> watchdogEvent(ChildJvm.Outcome outcome) throws Exception {
        String pid = outcome.output().replaceAll("(?s).*reaper-(\\d+)\\.json.*", "$1");
        List<Map<String, Object>> watchdogs = events(ReportFiles.json(dir, Long.parseLong(pid)), "watchdog");
        assertThat(watchdogs).hasSize(1);
        return watchdogs.get(0);
    }
}
