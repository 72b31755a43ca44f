package dev.reaper.report;

import static dev.reaper.report.ReportFiles.events;
import static dev.reaper.report.ReportFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.testing.ChildJvm;

/**
 * A JVM that ends while a test runs leaves a report naming that test: sent SIGTERM (as CI cancels a job),
 * or ended by the test's own {@code System.exit}. A JVM whose run ended normally reports nothing and exits
 * as promptly as before. All in child JVMs, with real signals and exits.
 */
class ShutdownReportTest {

    @TempDir
    Path dir;

    @Test
    void aSigtermWhileATestSleepsLeavesTheDumpTheReportAndTheStepSummaryWithinThreeSeconds() throws Exception {
        Path output = dir.resolve("output.txt");
        Path reports = dir.resolve("reports");
        Path stepSummary = dir.resolve("step-summary.md");
        Process child = ChildJvm.start(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", stepSummary.toString()),
                List.of(), ShutdownFixture.Sleeps.class, output, "reaper.report.dir=" + reports);
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> read(output).contains("SLEEPING"));

            child.destroy(); // SIGTERM on Linux and macOS

            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> shutdownEvents(reports, child.pid()).size() == 1
                            && read(stepSummary).contains("ShutdownFixture.Sleeps.sleeps()"));
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly().waitFor();
        }

        assertThat(child.exitValue()).isEqualTo(143); // 128 + SIGTERM: the hook does not change how the JVM ends
        Map<String, Object> shutdown = shutdownEvents(reports, child.pid()).get(0);
        assertThat(shutdown).containsEntry("cause", "signal").containsEntry("signal", "SIGTERM")
                .containsEntry("thread", "SIGTERM handler")
                .containsEntry("finishedTests", Map.of("SUCCESSFUL", "1"))
                .containsEntry("finishedInRunningClasses", List.of(Map.of("test", "ShutdownFixture.Sleeps.passes()",
                        "status", "SUCCESSFUL")));
        assertThat(map(((List<?>) shutdown.get("running")).get(0))).containsEntry("test",
                "ShutdownFixture.Sleeps.sleeps()");
        assertThat(read(reports.resolve((String) shutdown.get("dump")))).contains("Hangs.sleepSwallowingInterrupts");
        assertThat(read(reports.resolve("summary.md"))).contains("JVM shut down (SIGTERM)",
                "`ShutdownFixture.Sleeps.sleeps()`");
        assertThat(read(stepSummary)).contains("JVM shut down (SIGTERM)");
        assertThat(read(output))
                .contains(
                        "Reaper: the JVM is shutting down (SIGTERM received) while ShutdownFixture.Sleeps.sleeps() was"
                                + " running (for ")
                .contains(
                        "::error title=Reaper%3A JVM shut down during tests::the JVM is shutting down (SIGTERM received)")
                .contains("Hangs.sleepSwallowingInterrupts")
                .doesNotContain("LAUNCHER DONE");
    }

    @Test
    void systemExitInAThreadIsolatedTestNamesThatTest() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), ShutdownFixture.Exits.class, "reaper.report.dir=" + dir);

        assertThat(outcome.exitCode()).isEqualTo(1);
        int line = ReportFiles.lineOf(ShutdownFixture.class, "the exit line");
        assertThat(outcome.output())
                .contains("Reaper: the JVM is shutting down (System.exit called by ShutdownFixture.Exits.exits() at"
                        + " ShutdownFixture.java:" + line + ") while ShutdownFixture.Exits.exits() was running (for ")
                .contains("a test that ends the JVM belongs in fork isolation: @Reaper(isolation = FORK)")
                .contains("Reaper:   ended before, in the classes still running (the JVM's end costs them their XML"
                        + " report): ShutdownFixture.Exits.passes() SUCCESSFUL");
        Map<String, Object> shutdown = shutdownEvents(dir, pidOf(outcome)).get(0);
        assertThat(shutdown).containsEntry("cause", "exit").containsEntry("thread", "main");
        assertThat(map(shutdown.get("calledFrom"))).containsEntry("method", "exits").containsEntry("line", "" + line);
        assertThat(map(shutdown.get("sourceFrame"))).containsEntry("path",
                ReportFiles.sourceOf(ShutdownFixture.class).toString());
        assertThat(map(((List<?>) shutdown.get("running")).get(0))).containsEntry("test",
                "ShutdownFixture.Exits.exits()");
        assertThat(read(dir.resolve("summary.md"))).contains("JVM shut down (System.exit)");
    }

    @Test
    void aJvmWhoseRunEndedNormallyReportsNothingAndExitsPromptly() throws Exception {
        Path output = dir.resolve("output.txt");
        Path reports = dir.resolve("reports");
        Process child = ChildJvm.start(List.of(), ShutdownFixture.Passes.class, output, "reaper.report.dir=" + reports);
        try {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5))
                    .until(() -> read(output).contains("LAUNCHER DONE"));
            long done = System.nanoTime();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - done)).isLessThan(Duration.ofSeconds(1));
        } finally {
            child.destroyForcibly().waitFor();
        }

        assertThat(child.exitValue()).isZero();
        assertThat(read(output)).contains("RESULT passes() SUCCESSFUL", "RESULT passesToo() SUCCESSFUL")
                .doesNotContain("shutting down");
        assertThat(reports).doesNotExist(); // nothing happened, so nothing was written
    }

    private static List<Map<String, Object>> shutdownEvents(Path reports, long pid) throws IOException {
        return events(ReportFiles.json(reports, pid), "shutdown");
    }

    private static long pidOf(ChildJvm.Outcome outcome) {
        return Long.parseLong(outcome.output().replaceAll("(?s).*reaper-(\\d+)\\.json.*", "$1"));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
