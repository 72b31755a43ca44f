package dev.reaper.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar reaper-junit.jar [dir]}: its exit status tells a finding from nothing from an error. */
class ReportMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static final String HUNG = """
            {"format": 1, "pid": 4711, "started": "2026-11-25T04:00:00.5Z", "events": [
              {"type": "hung", "test": "CheckoutTest.pays()", "message": "exceeded its timeout of 5 s"}]}
            """;

    @Test
    void aReportedHangIsStatusOneWithTheSummaryPrintedAndWritten() throws Exception {
        Files.writeString(dir.resolve("reaper-4711.json"), HUNG);
        Files.writeString(dir.resolve("reaper-4712.json"), """
                {"format": 1, "pid": 4712, "started": "2026-11-25T04:00:00Z", "events": []}
                """);

        assertThat(run(dir.toString())).isEqualTo(ReportMain.SOMETHING);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("`CheckoutTest.pays()`");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("`CheckoutTest.pays()`");
    }

    @Test
    void noDirectoryMeansNothingHappened() {
        assertThat(run(dir.resolve("target/reaper").toString())).isEqualTo(ReportMain.NOTHING);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no reports in", "nothing hung, leaked or stalled");
    }

    @Test
    void aJsonFileThatIsNoReportIsAnUnreadableRowNotACrash() throws Exception {
        Files.writeString(dir.resolve("reaper-config.json"), "{}");

        assertThat(run(dir.toString())).isEqualTo(ReportMain.SOMETHING);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reaper-config.json", "not a Reaper report");
    }

    @Test
    void aDirectoryThatCannotBeReadIsAnErrorNotAFinding() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("reaper"), "a file");

        assertThat(run(notADirectory.toString())).isEqualTo(ReportMain.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not read the reports in");
    }

    @Test
    void aSummaryThatCannotBeWrittenIsStillPrintedAndJudged() throws Exception {
        Files.writeString(dir.resolve("reaper-4711.json"), HUNG);
        // In the way of summary.md, as a read-only download of the reports would be (root writes anywhere).
        Files.writeString(Files.createDirectory(dir.resolve("summary.md")).resolve("keep"), "");

        assertThat(run(dir.toString())).isEqualTo(ReportMain.SOMETHING);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("`CheckoutTest.pays()`");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("printed, but could not write");
    }

    @Test
    void aBadArgumentIsAnErrorWithTheUsage() {
        assertThat(run("--help")).isEqualTo(ReportMain.ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar reaper-junit.jar");
    }
}
