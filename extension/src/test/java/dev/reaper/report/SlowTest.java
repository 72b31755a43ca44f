package dev.reaper.report;

import static dev.reaper.report.ReportFiles.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.Reaper;
import dev.reaper.testing.Kit;

/**
 * {@code reaper.slow}: a test still running at its slow mark says where it is, and one that then passes
 * is a near miss in the report.
 */
class SlowTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Reaper(timeout = "2 s")
    static class TakesSeventyPercent {

        @Test
        void takesItsTime() throws InterruptedException {
            Thread.sleep(1400); // the line SlowTest names
        }

        @Test
        void isQuick() {
        }
    }

    @Test
    void aSlowTestSaysWhereItIsAndIsANearMissWhenItPasses() throws Exception {
        String err = stderrOf(() -> Kit.run(TakesSeventyPercent.class, "reaper.slow", "50%",
                "reaper.report.dir", dir.toString()).assertSuccessful("takesItsTime()").assertSuccessful("isQuick()"));

        List<String> lines = err.lines().filter(line -> line.contains(" has run ")).toList();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .matches("Reaper: SlowTest\\.TakesSeventyPercent\\.takesItsTime\\(\\) has run 1(\\.\\d+)? s of its 2 s;"
                        + " at dev\\.reaper\\.report\\.SlowTest\\$TakesSeventyPercent\\.takesItsTime\\(SlowTest\\.java:\\d+\\)"));
        List<Map<String, Object>> nearMisses = events(ReportFiles.json(dir, PID), "near-miss");
        assertThat(nearMisses).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("test", "SlowTest.TakesSeventyPercent.takesItsTime()")
                .containsEntry("timeoutMillis", "2000"));
        assertThat(Long.parseLong(String.valueOf(nearMisses.get(0).get("tookMillis")))).isGreaterThanOrEqualTo(1400);
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("1 near miss (passed, but slow)",
                "| near miss |");
    }

    @Test
    void offSaysNothing() throws Exception {
        String err = stderrOf(() -> Kit.run(TakesSeventyPercent.class, "reaper.slow", "off",
                "reaper.report.dir", dir.toString()).assertSuccessful("takesItsTime()"));

        assertThat(err).doesNotContain(" has run ");
    }

    private static String stderrOf(Runnable run) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
