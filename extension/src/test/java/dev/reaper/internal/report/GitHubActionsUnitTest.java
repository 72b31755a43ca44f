package dev.reaper.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow commands themselves: escaping, the cap on annotations, and silence outside GitHub. */
class GitHubActionsUnitTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private GitHubActions github(Map<String, String> environment) {
        return new GitHubActions(environment::get, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> hung(String message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("path", "src/test/java/app/Check,out:Test.java");
        frame.put("line", 17);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message", message);
        event.put("sourceFrame", frame);
        return event;
    }

    @Test
    void propertiesAndDataAreEscapedAsGitHubReadsThem() {
        github(Map.of("GITHUB_ACTIONS", "true")).annotate(hung("50% done\nthen: hung"), "Reaper: hung test",
                "summary.md");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "\n::error file=src/test/java/app/Check%2Cout%3ATest.java,line=17,title=Reaper%3A hung test::"
                        + "50%25 done%0Athen: hung\n");
    }

    @Test
    void aHandfulOfAnnotationsThenOnePointerToTheSummary() {
        GitHubActions github = github(Map.of("GITHUB_ACTIONS", "true"));
        for (int i = 0; i < 8; i++) {
            github.annotate(hung("hang " + i), "Reaper: hung test", "target/reaper/summary.md");
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output.lines().filter(line -> line.startsWith("::error"))).hasSize(GitHubActions.MAX_ANNOTATIONS);
        assertThat(output.lines().filter(line -> line.startsWith("::notice"))).singleElement()
                .asString().contains("target/reaper/summary.md");
    }

    @Test
    void outsideGitHubNothingIsPrintedOrWritten() throws Exception {
        Path summary = dir.resolve("summary.md");
        GitHubActions github = github(Map.of("GITHUB_STEP_SUMMARY", summary.toString()));
        github.annotate(hung("hung"), "Reaper: hung test", summary.toString());
        github.appendSummary("| table |", "in summary.md");
        assertThat(printed.size()).isZero();
        assertThat(summary).doesNotExist();
    }

    @Test
    void theStepSummaryIsAppendedTo() throws Exception {
        Path summary = dir.resolve("summary.md");
        Files.writeString(summary, "earlier step output\n");
        GitHubActions github = github(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()));
        github.appendSummary("| first |\n", "in summary.md");
        github.appendSummary("| second |\n", "in summary.md");
        assertThat(summary).hasContent("earlier step output\n| first |\n| second |");
    }

    @Test
    void theStepSummaryGetsNoMoreThanItsBudgetThenOnePointer() throws Exception {
        Path summary = dir.resolve("summary.md");
        GitHubActions github = github(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()));
        String rows = "| a leak | with a row of some length |\n".repeat(100);
        for (int i = 0; i < 100; i++) {
            github.appendSummary(rows, "the events of JVM 4711 are in target/reaper/summary.md");
        }
        String text = Files.readString(summary);
        assertThat(text.length()).isLessThanOrEqualTo(GitHubActions.SUMMARY_BUDGET);
        assertThat(text).startsWith(rows).endsWith(
                "More than fits GitHub's step summary: the events of JVM 4711 are in target/reaper/summary.md\n\n");
    }

    @Test
    void theJvmsOfAStepTogetherStayBelowTheStepBudget() throws Exception {
        Path summary = dir.resolve("summary.md");
        String rows = "| a hung test | with a row of some length |\n".repeat(1000);
        for (int jvm = 0; jvm < 20; jvm++) { // Surefire with reuseForks=false: a JVM per class
            GitHubActions github = github(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString()));
            github.appendSummary(rows, "the events of JVM " + jvm + " are in target/reaper/summary.md");
            github.appendSummary(rows, "the events of JVM " + jvm + " are in target/reaper/summary.md");
        }
        long size = Files.size(summary);
        assertThat(size).isGreaterThan(GitHubActions.STEP_BUDGET - 2L * rows.length())
                .isLessThanOrEqualTo(GitHubActions.STEP_BUDGET + 20 * 200L); // then a pointer line per JVM at most
        assertThat(Files.readString(summary)).contains("More than fits GitHub's step summary: the events of JVM 19");
    }
}
