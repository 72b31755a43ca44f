package dev.reaper.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.LeakedThreadsException;
import dev.reaper.internal.util.Json;

/**
 * The per-JVM reports as files: whatever a test is called, where the directory is said to be, and whether
 * files are wanted at all, no event is lost and none overwrites another.
 */
class ReportsTest {

    private static final long PID = 4711;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ExtensionContext context = mock(ExtensionContext.class);

    private Reports reports(Map<String, String> environment) {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        return new Reports(PID, new GitHubActions(environment::get, out), out);
    }

    /** The run's reaper.report.dir, as the engine run of {@link #context} is configured. */
    private void reportingTo(Path directory) {
        when(context.getConfigurationParameter("reaper.report.dir"))
                .thenReturn(Optional.of(directory == null ? "none" : directory.toString()));
    }

    private void exited(Reports reports, String test) {
        when(context.getUniqueId()).thenReturn("[engine:junit-jupiter]/[class:T]/[method:" + test + "]");
        reports.workerExited(context, test, new IllegalStateException("worker JVM exited with status 137"));
    }

    private static List<Object> tests(Path directory) throws Exception {
        Map<?, ?> report = (Map<?, ?>) Json.parse(Files.readString(directory.resolve("reaper-" + PID + ".json")));
        return ((List<?>) report.get("events")).stream().<Object>map(event -> ((Map<?, ?>) event).get("test")).toList();
    }

    @Test
    void aNameWithHalfAnEmojiIsWrittenAndTheEventsAfterItToo() throws Exception {
        Reports reports = reports(Map.of());
        reportingTo(dir);

        exited(reports, "T.first()");
        exited(reports, "T.cut\uD83D()"); // a high surrogate without its low half
        exited(reports, "T.third()");

        assertThat(tests(dir)).containsExactly("T.first()", "T.cut\uD83D()", "T.third()");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("T.third()");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("could not");
    }

    @Test
    void switchingDirectoriesAndBackResumesTheFileInsteadOfOverwritingIt() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Reports reports = reports(Map.of());
        reportingTo(a);
        exited(reports, "T.one()");
        reportingTo(b); // an inner launcher run with a directory of its own
        exited(reports, "T.two()");
        reportingTo(a.resolve("."));
        exited(reports, "T.three()");

        assertThat(tests(a)).containsExactly("T.one()", "T.three()");
        assertThat(tests(b)).containsExactly("T.two()");
    }

    @Test
    void noneWritesNoFilesButGitHubStillGetsTheAnnotationAndTheSummary() throws Exception {
        Path stepSummary = dir.resolve("step-summary.md");
        Path workingDirectory = Path.of("").toAbsolutePath();
        Reports reports = reports(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", stepSummary.toString()));
        Optional<Path> written = reports.watchdog(Optional.empty(), "stall", "no test finished for 10 s",
                new RunSnapshot(
                        List.of(new RunningTest("T.hangs()", "[method:hangs()]", Duration.ofSeconds(10))), Map.of(),
                        List.of()),
                "the dump");

        assertThat(written).isEmpty();
        assertThat(workingDirectory.resolve("target/reaper/reaper-" + PID + ".json")).doesNotExist();
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("::error title=Reaper%3A run watchdog::no test finished for 10 s");
        assertThat(Files.readString(stepSummary)).contains("run watchdog (stall)", "`T.hangs()`")
                .doesNotContain("Full report");
    }

    @Test
    void theWatchdogEventIsFiledAtOnceAndRewrittenWithHowTheRunEnded() throws Exception {
        Reports reports = reports(Map.of());
        RunSnapshot run =
                new RunSnapshot(List.of(new RunningTest("T.hangs()", "[method:hangs()]", Duration.ofSeconds(5))),
                        Map.of("SUCCESSFUL", 1), List.of());
        reports.watchdog(Optional.of(dir), "run-timeout", "the run exceeded its budget of 5 s", run, "the dump");
        reportingTo(dir);
        exited(reports, "T.later()"); // an event after it: the rewrite keeps it

        assertThat(watchdogEvent()).containsEntry("outcome", "ending").containsEntry("exitStatus", null);

        reports.watchdogEnded("halted", 124, "Reaper: run watchdog: ...; halted", List.of("T.hangs()"),
                List.of("T.next()", "U.first()"));

        assertThat(watchdogEvent()).containsEntry("outcome", "halted").containsEntry("exitStatus", "124")
                .containsEntry("endedByBudget", List.of("T.hangs()"))
                .containsEntry("notRun", List.of("T.next()", "U.first()")).containsEntry("notRunCount", "2");
        assertThat(tests(dir)).containsExactly(null, "T.later()");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("run watchdog (run-timeout, halted)");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> watchdogEvent() throws Exception {
        Map<?, ?> report = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("reaper-" + PID + ".json")));
        return (Map<String, Object>) ((List<?>) report.get("events")).get(0);
    }

    @Test
    void theShutdownReportWaitsForALockHeldElsewhereNoLongerThanItsLimitAndWritesWhatNeedsNoLock() throws Exception {
        Path stepSummary = dir.resolve("step-summary.md");
        Reports reports = reports(Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", stepSummary.toString()));
        Path output = dir.resolve("holder.txt");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FileLockHolder.class.getName(), dir.resolve(".lock").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Optional<Path> written;
        Duration took;
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> Files.readString(output).contains("LOCKED"));
            long start = System.nanoTime();
            written = reports.shutdown(Optional.of(dir), "signal", Optional.of("SIGTERM"),
                    Optional.of("SIGTERM handler"),
                    List.of(), "the JVM is shutting down (SIGTERM received) while T.sleeps() was running (for 1 s)",
                    new RunSnapshot(List.of(new RunningTest("T.sleeps()", "[method:sleeps()]", Duration.ofSeconds(1))),
                            Map.of(), List.of()),
                    "the dump", Duration.ofMillis(500));
            took = Duration.ofNanos(System.nanoTime() - start);
        } finally {
            holder.destroyForcibly().waitFor();
        }

        assertThat(took).isLessThan(Duration.ofMillis(500).plus(Duration.ofSeconds(1)));
        assertThat(written).contains(dir.resolve("reaper-" + PID + ".json"));
        assertThat(Files.readString(written.get())).contains("\"type\": \"shutdown\"", "\"test\": \"T.sleeps()\"");
        assertThat(dir.resolve("summary.md")).doesNotExist(); // the one file the other JVM's lock guards
        assertThat(Files.readString(stepSummary)).contains("JVM shut down (SIGTERM)", "`T.sleeps()`");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("could not write the Markdown summary to " + dir, "held past the shutdown's time limit")
                .contains(
                        "::error title=Reaper%3A JVM shut down during tests::the JVM is shutting down (SIGTERM received)");
    }

    @Test
    void aLeakIsInTheJsonFileAtOnceAndInTheMarkdownFilesAfterTheFlush() throws Exception {
        Reports reports = reports(Map.of());
        reportingTo(dir);
        when(context.getUniqueId()).thenReturn("[engine:junit-jupiter]/[class:T]/[method:leaks()]");

        reports.leak(context, new LeakedThreadsException("T.leaks() left 1 thread running", "T.leaks()", List.of(),
                List.of()), "warn");

        assertThat(tests(dir)).containsExactly("T.leaks()");
        assertThat(dir.resolve("summary.md")).doesNotExist();
        reports.flush();
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("leak (warn)", "`T.leaks()`");
        assertThat(Files.readString(dir.resolve("reaper-" + PID + ".md"))).contains("`T.leaks()`");
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsSaidOnceAndNeverAnnouncedAsTheReport() throws Exception {
        Path aFile = Files.writeString(dir.resolve("not-a-directory"), "");
        Reports reports = reports(Map.of());
        reportingTo(aFile.resolve("reaper"));

        exited(reports, "T.one()");
        exited(reports, "T.two()");

        String said = console.toString(StandardCharsets.UTF_8);
        assertThat(said.lines().filter(line -> line.contains("could not write the report to"))).hasSize(1);
        assertThat(said).doesNotContain("Reaper: report in");

        // Back to a directory that works: nothing was lost meanwhile.
        reportingTo(dir);
        exited(reports, "T.three()");
        assertThat(tests(dir)).containsExactly("T.three()");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Reaper: report in " + dir);
    }

    @Test
    void tableCellsSurvivePipesAndLineBreaksInTestNames() {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("type", Events.WORKER_EXIT);
        event.put("test", "T.m(String) > [1] a|b\nc");
        event.put("message", "exited | status\n137");

        String markdown = Markdown.summary("Reaper", List.of(new Markdown.Jvm(PID, List.of(event))));

        String row = markdown.lines().filter(line -> line.contains("T.m(String)")).findFirst().orElseThrow();
        assertThat(row.split("(?<!\\\\)\\|", -1)).as("unescaped pipes of a 5-column row").hasSize(7);
        assertThat(markdown.lines().filter(line -> line.startsWith("| "))).hasSize(2); // header and this row
    }
}
