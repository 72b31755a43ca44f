package dev.reaper.report;

import static dev.reaper.report.ReportFiles.events;
import static dev.reaper.report.ReportFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.reaper.Reaper;
import dev.reaper.internal.config.InvalidConfigurationException;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * {@code reaper.report.dir}: a hung test and a leak, really happening, end up in the JVM's JSON file, its
 * Markdown table, the merged summary and a thread dump file.
 */
class ReportFilesTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    @Reaper(timeout = "300 ms", grace = "300 ms")
    static class SleepsForever {

        @Test
        void sleeps() throws InterruptedException {
            Thread.sleep(600_000); // the hang frame of ReportFilesTest
        }

        @Test
        void passes() {
        }
    }

    @Reaper(grace = "300 ms")
    static class LeavesASleeper {

        @Test
        void leaves() {
            Leftovers.sleeper("reported-sleeper", false);
        }
    }

    @Test
    void aHungTestIsFiledWithItsRungItsLineAndItsThreadDump() throws Exception {
        Kit kit = Kit.run(SleepsForever.class, "reaper.report.dir", dir.toString());
        kit.hung("sleeps()");
        kit.assertSuccessful("passes()");

        Map<String, Object> report = ReportFiles.json(dir, PID);
        assertThat(report).containsEntry("format", "1").containsEntry("pid", String.valueOf(PID));
        List<Map<String, Object>> hung = events(report, "hung");
        assertThat(hung).hasSize(1);
        Map<String, Object> event = hung.get(0);
        assertThat(event).containsEntry("test", "ReportFilesTest.SleepsForever.sleeps()")
                .containsEntry("className", SleepsForever.class.getName())
                .containsEntry("isolation", "thread")
                .containsEntry("rung", "interrupt")
                .containsEntry("zombie", false)
                .containsEntry("timeoutMillis", "300");
        assertThat((String) event.get("message"))
                .startsWith("ReportFilesTest.SleepsForever.sleeps() exceeded its timeout");
        assertThat(map(event.get("hangFrame"))).containsEntry("className", "java.lang.Thread");
        assertThat(map(event.get("sourceFrame")))
                .containsEntry("path", "src/test/java/dev/reaper/report/ReportFilesTest.java")
                .containsEntry("line", String.valueOf(ReportFiles.lineOf(ReportFilesTest.class, "the hang frame of")))
                .containsEntry("method", "sleeps");

        Path dump = dir.resolve((String) event.get("dump"));
        assertThat(Files.readString(dump, StandardCharsets.UTF_8))
                .contains("exceeded its timeout", "Thread dump at", "ReportFilesTest$SleepsForever.sleeps");
        assertThat(Files.readString(dir.resolve("reaper-" + PID + ".md"), StandardCharsets.UTF_8))
                .contains("1 hung test",
                        "| hung, stopped by interrupt | `ReportFilesTest.SleepsForever.sleeps()` | " + PID);
        assertThat(Files.readString(dir.resolve("summary.md"), StandardCharsets.UTF_8))
                .contains("## Reaper summary", "`src/test/java/dev/reaper/report/ReportFilesTest.java:");
    }

    @Test
    void aLeakIsFiledWhateverTheActionMadeOfIt() throws Exception {
        Kit.run(LeavesASleeper.class, "reaper.report.dir", dir.toString(), "reaper.leaks.linger", "100 ms")
                .assertSuccessful("leaves()");

        List<Map<String, Object>> leaks = events(ReportFiles.json(dir, PID), "leak");
        assertThat(leaks).hasSize(1);
        assertThat(leaks.get(0)).containsEntry("test", "ReportFilesTest.LeavesASleeper.leaves()")
                .containsEntry("action", "warn");
        assertThat(leaks.get(0).get("threads").toString()).contains("reported-sleeper");
    }

    @Test
    void noneWritesNothing() throws Exception {
        Path nested = dir.resolve("reports");
        Kit.run(SleepsForever.class, "reaper.report.dir", nested.toString()).hung("sleeps()");
        assertThat(events(ReportFiles.json(nested, PID), "hung")).hasSize(1);

        // Switched off, the directory stays as it is; then back on, the JVM's report goes on where it was.
        Kit.run(SleepsForever.class, "reaper.report.dir", "none").hung("sleeps()");
        assertThat(events(ReportFiles.json(nested, PID), "hung")).hasSize(1);
        Kit.run(SleepsForever.class, "reaper.report.dir", nested.toString()).hung("sleeps()");
        assertThat(events(ReportFiles.json(nested, PID), "hung")).hasSize(2);
    }

    @Test
    void aHungTestsDumpIsPublishedBesideJUnitsOtherFilesOfTheTest() throws Exception {
        Path output = dir.resolve("junit-output");
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(SleepsForever.class, "sleeps"))
                .configurationParameters(Map.of("reaper.report.dir", dir.resolve("reports").toString(),
                        "junit.platform.reporting.output.dir", output.toString()))
                .build());

        try (Stream<Path> files = Files.walk(output)) {
            assertThat(files.filter(file -> file.getFileName().toString().equals("reaper-thread-dump.txt")))
                    .singleElement()
                    .satisfies(file -> assertThat(file.toString()).contains("sleeps"))
                    .satisfies(file -> assertThat(Files.readString(file, StandardCharsets.UTF_8))
                            .contains("exceeded its timeout", "Thread dump at",
                                    "ReportFilesTest$SleepsForever.sleeps"));
        }
    }

    @Test
    void aReportDirectoryThatCannotBeWrittenCostsNoTestItsResult() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "");

        Kit kit = Kit.run(SleepsForever.class, "reaper.report.dir", aFile.resolve("reaper").toString());

        kit.hung("sleeps()");
        kit.assertSuccessful("passes()");
        assertThat(aFile).hasContent("");
    }

    @Test
    void aBadRunSettingFailsNamingTheKeyTheValueAndTheAcceptedForms() {
        Throwable failure = Kit.run(SleepsForever.class, "reaper.run.stall", "soon").failure("passes()");
        assertThat(failure).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContainingAll("reaper.run.stall", "\"soon\"", "500 ms");
        Throwable blank = Kit.run(SleepsForever.class, "reaper.report.dir", " ").failure("passes()");
        assertThat(blank).hasMessageContainingAll("reaper.report.dir", "\"none\"");
    }
}
