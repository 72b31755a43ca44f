package dev.reaper.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.reaper.internal.util.Json;

/**
 * A JVM killed with SIGKILL at any moment leaves its report complete: a child JVM files events as fast as
 * it can and is killed at random moments, and each time the file parses, with every event it holds whole.
 */
class ReportKillTest {

    private static final int KILLS = 8;

    @TempDir
    Path dir;

    @Test
    void aJvmKilledAtAnyMomentLeavesAParseableReport() throws Exception {
        for (int kill = 0; kill < KILLS; kill++) {
            Path reports = Files.createDirectory(dir.resolve("kill-" + kill));
            Path output = dir.resolve("output-" + kill + ".txt");
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), EndlessReportWriter.class.getName(),
                    reports.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> !writer.isAlive()
                        || Files.readString(output, StandardCharsets.UTF_8).contains("FILED"));
                assertThat(writer.isAlive()).as("writer alive: %s", Files.readString(output)).isTrue();
                // A moment anywhere in the middle of the writes: one event's write takes well under a millisecond.
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, 400));
            } finally {
                writer.destroyForcibly().waitFor();
            }

            Map<?, ?> report =
                    (Map<?, ?>) Json.parse(Files.readString(reports.resolve("reaper-" + writer.pid() + ".json"),
                            StandardCharsets.UTF_8));
            List<?> events = (List<?>) report.get("events");
            assertThat(events).isNotEmpty();
            for (int n = 0; n < events.size(); n++) {
                assertThat(((Map<?, ?>) events.get(n)).get("test")).isEqualTo("T.leaks" + (n + 1) + "()");
            }
            if (Files.exists(reports.resolve(JvmReport.SUMMARY))) {
                assertThat(Files.readString(reports.resolve(JvmReport.SUMMARY))).startsWith("## Reaper summary");
            }
        }
    }
}
