package dev.reaper.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Merges the per-JVM reports of a build into one summary: {@code java -jar reaper-junit.jar [dir]}
 * prints the Markdown summary of every {@code reaper-*.json} in {@code dir} (default
 * {@code target/reaper}) and writes it to {@code dir/summary.md}. Needs nothing but the jar, so a CI step
 * can run it after the build, including after a build that was killed. Exit status 0 when nothing hung,
 * leaked or stalled, 1 when something did, 2 when there is nothing to read.
 */
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("usage: java -jar reaper-junit.jar [report directory, default target/reaper]");
            System.exit(2);
        }
        Path dir = Paths.get(args.length == 1 ? args[0] : "target/reaper");
        if (!Files.isDirectory(dir)) {
            System.err.println("Reaper: no report directory " + dir.toAbsolutePath()
                    + " (nothing was reported, or reaper.report.dir points elsewhere)");
            System.exit(2);
        }
        String summary = JvmReport.rewriteSummary(dir);
        System.out.print(summary);
        System.exit(JvmReport.read(dir).stream().allMatch(jvm -> jvm.events().isEmpty()) ? 0 : 1);
    }
}
