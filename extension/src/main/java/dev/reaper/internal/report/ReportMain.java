package dev.reaper.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Merges the per-JVM reports of a build into one summary: {@code java -jar reaper-junit.jar [dir]}
 * prints the Markdown summary of every {@code reaper-*.json} in {@code dir} (default
 * {@code target/reaper}) and writes it to {@code dir/summary.md}. Needs nothing but the jar, so a CI step
 * can run it after the build, including after a build that was killed.
 *
 * <p>Exit status {@value #NOTHING} when nothing hung, leaked or stalled (also when the directory does not
 * exist: Reaper creates it only when something happens), {@value #SOMETHING} when something did, and
 * {@value #ERROR} when the directory could not be read, so that an error never reads as a finding. A
 * summary that cannot be written (reports downloaded read-only) is still printed, with a warning.
 */
public final class ReportMain {

    static final int NOTHING = 0;
    static final int SOMETHING = 1;
    static final int ERROR = 2;

    private ReportMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            err.println("usage: java -jar reaper-junit.jar [report directory, default target/reaper]");
            return ERROR;
        }
        Path dir = Paths.get(args.length == 1 ? args[0] : "target/reaper");
        if (!Files.exists(dir)) {
            out.println("Reaper: no reports in " + dir.toAbsolutePath() + ": nothing hung, leaked or stalled"
                    + " (the directory is made at the first event; reaper.report.dir may point elsewhere)");
            return NOTHING;
        }
        List<Markdown.Jvm> jvms;
        try {
            jvms = JvmReport.read(dir);
        } catch (IOException | RuntimeException e) {
            err.println("Reaper: could not read the reports in " + dir.toAbsolutePath() + ": " + e);
            return ERROR;
        }
        String summary = JvmReport.summary(jvms);
        out.print(summary);
        try {
            JvmReport.writeSummary(dir, summary);
        } catch (IOException | RuntimeException e) {
            err.println("Reaper: printed, but could not write " + dir.resolve(JvmReport.SUMMARY) + ": " + e);
        }
        return jvms.stream().allMatch(jvm -> jvm.events().isEmpty()) ? NOTHING : SOMETHING;
    }
}
