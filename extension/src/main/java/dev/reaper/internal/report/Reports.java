package dev.reaper.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reaper.HungTestException;
import dev.reaper.LeakedThreadsException;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.fork.ForkIsolation;

/**
 * The reports of this JVM, which outlive it: every hung test, leak and watchdog event goes to the JSON
 * and Markdown files of {@code reaper.report.dir} the moment it happens, to GitHub's annotations and step
 * summary when running there, and a hung test's thread dump also to JUnit's {@code publishFile}.
 * Writing a report never fails a test: a problem is said once on standard error.
 *
 * <p>In a worker JVM the parent reports the worker's hung tests (it is the JVM JUnit reports them in);
 * the worker writes only what happened nowhere else, its leaks.
 */
public final class Reports {

    private static final Reports SHARED = new Reports(ProcessHandle.current().pid(),
            // A worker's output reaches GitHub through its parent, which annotates and summarizes.
            ForkIsolation.isWorker() ? GitHubActions.disabled() : GitHubActions.fromEnvironment(), System.err);

    private final long pid;
    private final GitHubActions github;
    private final PrintStream console;
    private Optional<Path> dir = Optional.of(RunSettings.DEFAULT_REPORT_DIR);
    private JvmReport report;
    private SourceFiles sources;
    private int summarized;
    private boolean failedOnce;

    Reports(long pid, GitHubActions github, PrintStream console) {
        this.pid = pid;
        this.github = github;
        this.console = console;
    }

    public static Reports shared() {
        return SHARED;
    }

    /** Where reports go from now on ({@code reaper.report.dir}); the launcher and each engine run say so. */
    public synchronized void configure(RunSettings settings) {
        if (!settings.reportDir().equals(dir)) {
            dir = settings.reportDir();
            report = null;
            summarized = 0;
        }
    }

    /** A test, lifecycle method or class that passed its deadline, as reported to JUnit in this JVM. */
    public void hungTest(ExtensionContext context, HungTestException hung, String isolation) {
        Optional<SourceFiles.Located> source = sources().locate(hung.getStackTrace());
        Map<String, Object> event = Events.hung(context.getUniqueId(), context.getTestClass().map(Class::getName),
                hung, isolation, source.map(SourceFiles.Located::frame), source.map(SourceFiles.Located::path));
        String dumpText = hung.getMessage() + "\n\n" + hung.threadDump()
                + hung.deadlock().map(deadlock -> "\n" + deadlock).orElse("");
        record(event, hung.test(), dumpText, "Reaper: hung test");
        publish(context, dumpText);
    }

    /** A leak report, whatever {@code reaper.leaks} made of it. */
    public void leak(ExtensionContext context, LeakedThreadsException leaked, String action) {
        record(Events.leak(context.getUniqueId(), leaked, action), null, null, null);
    }

    /** A forked test whose worker JVM exited under it. */
    public void workerExited(ExtensionContext context, String test, Throwable exit) {
        record(Events.workerExit(context.getUniqueId(), test, String.valueOf(exit.getMessage())), null, null, null);
    }

    /** The run watchdog fired; returns the report file to name in its last line, if one was written. */
    public Optional<Path> watchdog(String reason, String message, List<RunningTest> running,
            Map<String, Integer> finishedTests, List<FinishedTest> endedInRunningClasses, String dump, int exitStatus) {
        record(Events.watchdog(reason, message, running, finishedTests, endedInRunningClasses, exitStatus), "run-watchdog", dump, "Reaper: run watchdog");
        appendStepSummary();
        synchronized (this) {
            return report == null ? Optional.empty() : Optional.of(report.json());
        }
    }

    /** At the end of a test plan and before a halt: GitHub's step summary gets what it has not shown yet. */
    public void appendStepSummary() {
        if (!github.enabled()) {
            return;
        }
        try {
            String markdown;
            synchronized (this) {
                if (report == null || report.events().size() == summarized) {
                    return;
                }
                List<Map<String, Object>> events = report.events();
                markdown = Markdown.summary("Reaper (JVM " + pid + ")",
                        List.of(new Markdown.Jvm(pid, events.subList(summarized, events.size()))))
                        + "Full report: `" + report.summary() + "`\n\n";
                summarized = events.size();
            }
            github.appendSummary(markdown);
        } catch (IOException | RuntimeException e) {
            failed("could not append to $GITHUB_STEP_SUMMARY", e);
        }
    }

    private void record(Map<String, Object> event, String dumpName, String dumpText, String annotationTitle) {
        Path summary;
        synchronized (this) {
            if (dir.isEmpty()) {
                return;
            }
            try {
                boolean first = report == null;
                if (first) {
                    report = new JvmReport(dir.get(), pid, JUnitVersion.get());
                }
                if (dumpText != null) {
                    event.put("dump", report.dump(dumpName, dumpText));
                }
                report.add(event);
                if (first) {
                    console.println("Reaper: report in " + report.dir().toAbsolutePath().normalize()
                            + " (reaper-" + pid + ".json, " + JvmReport.SUMMARY + ")");
                }
            } catch (IOException | RuntimeException e) {
                failed("could not write the report to " + dir.get().toAbsolutePath(), e);
            }
            summary = report == null ? Paths.get(JvmReport.SUMMARY) : report.summary();
        }
        if (annotationTitle != null) {
            github.annotate(event, annotationTitle, summary);
        }
    }

    /** The dump beside the test's other files too, where JUnit and the IDE keep them (JUnit 5.12 and later). */
    private void publish(ExtensionContext context, String dumpText) {
        if (dir.isEmpty()) {
            return;
        }
        try {
            context.publishFile("reaper-thread-dump.txt", MediaType.TEXT_PLAIN_UTF_8,
                    file -> Files.writeString(file, dumpText, StandardCharsets.UTF_8));
        } catch (RuntimeException | LinkageError notSupported) {
            // An older JUnit, or a launcher without an output directory: the report directory has the dump.
        }
    }

    private synchronized SourceFiles sources() {
        if (sources == null) {
            String workspace = System.getenv("GITHUB_WORKSPACE");
            sources = new SourceFiles(Paths.get(""), workspace == null || workspace.isBlank() ? null : Paths.get(workspace));
        }
        return sources;
    }

    private synchronized void failed(String what, Exception e) {
        if (!failedOnce) {
            failedOnce = true;
            console.println("Reaper: " + what + ": " + e);
        }
    }
}
