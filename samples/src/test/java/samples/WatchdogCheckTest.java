package samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check {@link SampleRun} applies to {@code WatchdogDemo}, against what the run watchdog's contract
 * says it leaves behind: exit status 124, {@code Reaper: run watchdog} lines naming the running test, a
 * {@code watchdog} event in {@code reaper-<pid>.json}. (The real thing is checked by {@link SamplesTest}.)
 */
class WatchdogCheckTest {

    private static final String TEST = "WatchdogDemo.b_waitsForAReplyThatNeverComes()";

    private static final String OUTPUT = """
            SAMPLE WatchdogDemo.a_finishesQuickly() SUCCESSFUL
            Reaper: run watchdog: no test finished for 2.01 s (reaper.run.stall=2 s); ending the JVM with status 124
            Reaper:   WatchdogDemo.b_waitsForAReplyThatNeverComes() has been running for 2.01 s
            """;

    private static final String REPORT =
            """
                    {"format":1,"pid":4711,"java":"17.0.15","junit":"5.14.4","started":"2026-01-01T00:00:00Z","events":[
                      {"type":"watchdog","time":"2026-01-01T00:00:03Z","reason":"stall","message":"no test finished for 2 s",
                       "running":[{"test":"WatchdogDemo.b_waitsForAReplyThatNeverComes()","uniqueId":"[engine:junit-jupiter]/...","runningMillis":2010}],
                       "dump":"dumps/watchdog-4711.txt","exitStatus":124}]}
                    """;

    @TempDir
    Path reportDir;

    @Test
    void haltedAsDocumentedWhenStatusLinesAndReportAllSaySo() throws IOException {
        Files.writeString(reportDir.resolve("reaper-4711.json"), REPORT);

        assertThat(SampleRun.watchdogOutcome(TEST, new OwnJvm.Outcome(124, OUTPUT, reportDir, 4711)))
                .isEqualTo(SampleRun.HALTED_BY_WATCHDOG);
    }

    @Test
    void eachMissingPieceIsNamed() throws IOException {
        assertThat(SampleRun.watchdogOutcome(TEST, new OwnJvm.Outcome(-1, OUTPUT, reportDir, 4711)))
                .startsWith("still running");
        assertThat(SampleRun.watchdogOutcome(TEST, new OwnJvm.Outcome(1, OUTPUT, reportDir, 4711)))
                .contains("exited with 1");
        assertThat(SampleRun.watchdogOutcome(TEST, new OwnJvm.Outcome(124, "SAMPLE x SUCCESSFUL\n", reportDir, 4711)))
                .contains("no \"Reaper: run watchdog\" line");
        assertThat(SampleRun.watchdogOutcome(TEST, new OwnJvm.Outcome(124, OUTPUT, reportDir, 4711)))
                .contains("has no watchdog event");

        Files.writeString(reportDir.resolve("reaper-4711.json"),
                REPORT.replace("\"type\":\"watchdog\"", "\"type\":\"hung\""));
        assertThat(SampleRun.watchdogOutcome(TEST, new OwnJvm.Outcome(124, OUTPUT, reportDir, 4711)))
                .contains("has no watchdog event");
    }

    @Test
    void theChildSeesItsResultLines() {
        OwnJvm.Outcome outcome = new OwnJvm.Outcome(124, OUTPUT, reportDir, 4711);

        assertThat(outcome.result("WatchdogDemo.a_finishesQuickly()")).contains("SUCCESSFUL");
        assertThat(outcome.result(TEST)).isEmpty();
        assertThat(SampleRun.watchdogLines(outcome)).hasSize(2);
    }
}
