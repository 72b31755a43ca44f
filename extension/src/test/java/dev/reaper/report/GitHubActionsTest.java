package dev.reaper.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.testing.ChildJvm;

/**
 * With {@code GITHUB_ACTIONS=true} a hung test becomes an {@code ::error} annotation at the line it was
 * stuck at, and the step summary gets the table: a real hang in a child JVM with GitHub's environment.
 */
class GitHubActionsTest {

    @TempDir
    Path dir;

    @Test
    void aHungTestIsAnnotatedAtItsLineAndTheStepSummaryGetsTheTable() throws Exception {
        Path summary = dir.resolve("step-summary.md");
        Path workspace = Path.of("").toAbsolutePath().getParent(); // the repository, as on GitHub
        ChildJvm.Outcome outcome = ChildJvm.run(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY",
                summary.toString(), "GITHUB_WORKSPACE", workspace.toString()), List.of(), GitHubFixture.class,
                "reaper.report.dir=" + dir.resolve("reports"));

        assertThat(outcome.output()).contains("RESULT hangs() FAILED HungTestException", "RESULT passes() SUCCESSFUL");
        String file = workspace.relativize(ReportFiles.sourceOf(GitHubFixture.class).toAbsolutePath()).toString();
        int line = ReportFiles.lineOf(GitHubFixture.class, "the annotated line");
        assertThat(outcome.output()).containsPattern("(?m)^::error file=" + file + ",line=" + line
                + ",title=Reaper%3A hung test::GitHubFixture\\.hangs\\(\\) exceeded its timeout of 300 ms; ");
        assertThat(Files.readString(summary, StandardCharsets.UTF_8))
                .contains("## Reaper (JVM ", "1 hung test", "| What | Test | JVM | Details | Where |")
                .contains("`GitHubFixture.hangs()`", "`" + file + ":" + line + "`");
    }

    @Test
    void aClassLevelLeakFailureIsAnnotatedAndInTheStepSummary() throws Exception {
        Path summary = dir.resolve("step-summary.md");
        Path workspace = Path.of("").toAbsolutePath().getParent();
        ChildJvm.Outcome outcome = ChildJvm.run(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY",
                summary.toString(), "GITHUB_WORKSPACE", workspace.toString()), List.of(), ClassLeakFixture.class,
                "reaper.leaks=fail", "reaper.report.dir=" + dir.resolve("reports"));

        // Both tests pass: only the class fails, after @AfterAll, which Surefire's XML shows as a nameless flake.
        assertThat(outcome.output()).contains("RESULT first() SUCCESSFUL", "RESULT second() SUCCESSFUL");
        assertThat(outcome.output()).containsPattern("(?m)^::error title=Reaper%3A leak after @AfterAll::"
                + "ClassLeakFixture left 1 thread running \\(reaper.leaks=fail\\)");
        assertThat(Files.exists(summary)).as("the step summary").isTrue();
        assertThat(Files.readString(summary, StandardCharsets.UTF_8))
                .contains("## Reaper (JVM ", "1 test leaked threads or processes")
                .contains("| leak (fail, after @AfterAll) | `ClassLeakFixture` |",
                        "ClassLeakFixture left 1 thread running (reaper.leaks=fail): thread \"class-level server\"");
    }
}
