package dev.reaper.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reaper.HungTestException;
import dev.reaper.LeakedThreadsException;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.fork.ForkIsolation;

/**
 * The reports of this JVM, which outlive it: every hung test, leak and watchdog event goes to the JSON
 * file of its run's {@code reaper.report.dir} the moment it happens, to GitHub's annotations and step
 * summary when running there, and a hung test's thread dump also to JUnit's {@code publishFile}.
 * Writing a report never fails a test: a problem is said once on standard error.
 *
 * <p>Each event goes to the directory of the run it belongs to, read from that run's configuration: a
 * launcher started inside a test (a test of test tooling) reports to its own directory without moving
 * the outer run's.
 *
 * <p>In a worker JVM the parent reports the worker's hung tests (it is the JVM JUnit reports them in);
 * the worker writes only what happened nowhere else, its leaks.
 */
public final class Reports {

    private static final Reports SHARED = new Reports(ProcessHandle.current().pid(),
            // A worker's output reaches GitHub through its parent, which annotates and summarizes.
            ForkIsolation.isWorker() ? GitHubActions.disabled() : GitHubActions.fromEnvironment(),
            DirectStderr.stream());

    private final long pid;
    private final GitHubActions github;
    private final PrintStream console;
    /** One per directory: a run that switches directories and back resumes its file, never overwrites it. */
    private final Map<Path, JvmReport> reports = new LinkedHashMap<>();
    /** Every event of this JVM, wherever it was written (or not, with {@code none}): the step summary's. */
    private final List<Map<String, Object>> events = new ArrayList<>();
    private int summarized;
    private SourceFiles sources;
    private final Set<Class<?>> failuresSaid = new HashSet<>();

    Reports(long pid, GitHubActions github, PrintStream console) {
        this.pid = pid;
        this.github = github;
        this.console = console;
    }

    public static Reports shared() {
        return SHARED;
    }

    /** A test, lifecycle method or class that passed its deadline, as reported to JUnit in this JVM. */
    public void hungTest(ExtensionContext context, HungTestException hung, String isolation) {
        try {
            Optional<SourceFiles.Located> source = sources().locate(hung.getStackTrace());
            Map<String, Object> event = Events.hung(context.getUniqueId(), context.getTestClass().map(Class::getName),
                    hung, isolation, source.map(SourceFiles.Located::frame), source.map(SourceFiles.Located::path));
            String dumpText = hung.getMessage() + "\n\n" + hung.threadDump()
                    + hung.deadlock().map(deadlock -> "\n" + deadlock).orElse("");
            record(directory(context), event, hung.test(), dumpText, "Reaper: hung test");
            publish(context, dumpText);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report " + hung.test(), e);
        }
    }

    /** A leak report, whatever {@code reaper.leaks} made of it. */
    public void leak(ExtensionContext context, LeakedThreadsException leaked, String action) {
        try {
            record(directory(context), Events.leak(context.getUniqueId(), leaked, action), null, null, null);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report a leak", e);
        }
    }

    /** A forked test whose worker JVM exited under it. */
    public void workerExited(ExtensionContext context, String test, Throwable exit) {
        try {
            record(directory(context), Events.workerExit(context.getUniqueId(), test, String.valueOf(exit.getMessage())),
                    null, null, null);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report " + test, e);
        }
    }

    /**
     * The run watchdog fired; files its event in {@code dir} (the watchdog's own run settings), brings every
     * summary up to date, and returns the report file to name in its last line, if one was written.
     */
    public Optional<Path> watchdog(Optional<Path> dir, String reason, String message, RunSnapshot run, String dump,
            int exitStatus) {
        try {
            Optional<Path> written = record(dir.map(Reports::absolute), Events.watchdog(reason, message, run,
                    exitStatus), "run-watchdog", dump, "Reaper: run watchdog");
            beforeHalt();
            return written;
        } catch (RuntimeException | LinkageError e) {
            failed("could not report the run watchdog", e);
            return Optional.empty();
        }
    }

    /** At the end of an engine run or a test plan: the Markdown files catch up with the JSON files. */
    public void flush() {
        List<JvmReport> behind;
        synchronized (this) {
            behind = List.copyOf(reports.values());
        }
        for (JvmReport report : behind) {
            try {
                report.summarize();
            } catch (IOException | RuntimeException e) {
                failed("could not write the Markdown summary to " + report.json().getParent(), e);
            }
        }
    }

    /** Before a halt, which runs no shutdown hook: everything this JVM knows goes where it is read. */
    public void beforeHalt() {
        flush();
        appendStepSummary();
    }

    /** At the end of a test plan and before a halt: GitHub's step summary gets what it has not shown yet. */
    public void appendStepSummary() {
        if (!github.enabled()) {
            return;
        }
        try {
            String markdown;
            String full;
            int upTo;
            synchronized (this) {
                upTo = events.size();
                if (upTo == summarized) {
                    return;
                }
                List<Path> summaries = reports.keySet().stream().map(dir -> dir.resolve(JvmReport.SUMMARY)).toList();
                full = summaries.isEmpty() ? "the test reports (reaper.report.dir=none)"
                        : summaries.stream().map(file -> "`" + file + "`").collect(Collectors.joining(", "));
                markdown = Markdown.summary("Reaper (JVM " + pid + ")",
                        List.of(new Markdown.Jvm(pid, List.copyOf(events.subList(summarized, upTo)))), false)
                        + (summaries.isEmpty() ? "" : "Full report: " + full + "\n\n");
            }
            github.appendSummary(markdown, "the events of JVM " + pid + " are in " + full);
            synchronized (this) {
                summarized = Math.max(summarized, upTo);
            }
        } catch (IOException | RuntimeException e) {
            failed("could not append to $GITHUB_STEP_SUMMARY", e);
        }
    }

    /**
     * Files the event (when reports are on) and annotates it on GitHub; returns the JSON file written. Any
     * event but a leak also brings the Markdown files up to date at once: those are rare and each matters.
     */
    private Optional<Path> record(Optional<Path> dir, Map<String, Object> event, String dumpName, String dumpText,
            String annotationTitle) {
        Optional<Path> written = Optional.empty();
        String summary = "the step summary";
        synchronized (this) {
            events.add(event);
            if (dir.isPresent()) {
                Path directory = dir.get();
                summary = directory.resolve(JvmReport.SUMMARY).toString();
                JvmReport report = reports.computeIfAbsent(directory,
                        path -> new JvmReport(path, pid, JUnitVersion.get()));
                try {
                    if (dumpText != null) {
                        try {
                            event.put("dump", report.dump(dumpName, dumpText));
                        } catch (IOException e) {
                            failed("could not write the thread dump to " + directory, e); // the event still goes in
                        }
                    }
                    boolean first = report.add(event);
                    written = Optional.of(report.json());
                    if (first) {
                        console.println("Reaper: report in " + directory + " (reaper-" + pid + ".json, "
                                + JvmReport.SUMMARY + ")");
                    }
                    if (!Events.LEAK.equals(event.get("type"))) {
                        report.summarize();
                    }
                } catch (IOException | RuntimeException e) {
                    failed("could not write the report to " + directory, e);
                }
            }
        }
        if (annotationTitle != null) {
            github.annotate(event, annotationTitle, summary);
        }
        return written;
    }

    /** The dump beside the test's other files too, where JUnit and the IDE keep them. */
    private void publish(ExtensionContext context, String dumpText) {
        if (directory(context).isEmpty()) {
            return;
        }
        try {
            context.publishFile("reaper-thread-dump.txt", MediaType.TEXT_PLAIN_UTF_8,
                    file -> Files.writeString(file, dumpText, StandardCharsets.UTF_8));
        } catch (RuntimeException | LinkageError notSupported) {
            // A launcher without an output directory: the report directory has the dump.
        }
    }

    /** The report directory of the engine run {@code context} belongs to (read at each event: they are rare). */
    private static Optional<Path> directory(ExtensionContext context) {
        return RunSettings.reportDir(context::getConfigurationParameter).map(Reports::absolute);
    }

    private synchronized SourceFiles sources() {
        if (sources == null) {
            String workspace = System.getenv("GITHUB_WORKSPACE");
            sources = new SourceFiles(Paths.get(""), workspace == null || workspace.isBlank() ? null : Paths.get(workspace));
        }
        return sources;
    }

    /** Said once per kind of failure: a full disk would otherwise say it at every event. */
    private synchronized void failed(String what, Throwable e) {
        if (failuresSaid.add(e.getClass())) {
            console.println("Reaper: " + what + ": " + e);
        }
    }

    private static Path absolute(Path dir) {
        return dir.toAbsolutePath().normalize();
    }
}
