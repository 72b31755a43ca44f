package dev.reaper.internal.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A child JVM for {@link ReportKillTest}: files events in its report for ever (each with a few KB of
 * text, so a write takes long enough to be caught in the middle), until it is killed.
 */
public final class EndlessReportWriter {

    private EndlessReportWriter() {
    }

    public static void main(String[] args) throws Exception {
        JvmReport report = new JvmReport(Path.of(args[0]), ProcessHandle.current().pid(), "test");
        String padding = "a frame of a long stack, ".repeat(200);
        for (long n = 1;; n++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", Events.LEAK);
            event.put("test", "T.leaks" + n + "()");
            event.put("message", padding);
            report.add(event);
            if (n % 20 == 0) {
                report.summarize(); // the Markdown files and summary.md are killed mid-write too
            }
            if (n == 1) {
                System.out.println("FILED");
                System.out.flush();
            }
        }
    }
}
