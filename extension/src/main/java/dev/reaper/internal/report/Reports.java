package dev.reaper.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.reaper.HungTestException;
import dev.reaper.LeakedThreadsException;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.util.WorkerJvm;

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
 *
 * <p>One lock guards the files and GitHub's step summary, and nothing is printed while it is held: a test
 * thread blocked on a full console pipe must not keep the shutdown report from the files.
 */
public final class Reports {

    /**
     * Per JVM: its files are named after the JVM's pid and replaced whole at every event, so a second writer
     * in the JVM (a later or nested run) would overwrite the first one's events.
     */
    private static final Reports JVM = new Reports(ProcessHandle.current().pid(),
            // A worker's output reaches GitHub through its parent, which annotates and summarizes.
            WorkerJvm.isWorker() ? GitHubActions.disabled() : GitHubActions.fromEnvironment(),
            DirectStderr.stream());

    private final long pid;
    private final GitHubActions github;
    private final PrintStream console;
    private final ReentrantLock lock = new ReentrantLock();
    /** One per directory: a run that switches directories and back resumes its file, never overwrites it. */
    private final Map<Path, JvmReport> reports = new LinkedHashMap<>();
    /** Every event of this JVM, wherever it was written (or not, with {@code none}): the step summary's. */
    private final List<Map<String, Object>> events = new ArrayList<>();
    private int summarized;
    private SourceFiles sources;
    private final Set<Class<?>> failuresSaid = ConcurrentHashMap.newKeySet();
    /** The run watchdog's event, once filed: it says later how the run ended. */
    private volatile Map<String, Object> watchdogEvent;

    Reports(long pid, GitHubActions github, PrintStream console) {
        this.pid = pid;
        this.github = github;
        this.console = console;
    }

    /** The annotation's title for a class's leak that fails it. */
    static final String CLASS_LEAK_TITLE = "Reaper: leak after @AfterAll";

    /** This JVM's, for the run scope to hand to what reports; nothing below it asks for it. */
    public static Reports ofThisJvm() {
        return JVM;
    }

    /** A test, lifecycle method or class that passed its deadline, as reported to JUnit in this JVM. */
    public void hungTest(ExtensionContext context, HungTestException hung, String isolation) {
        hungTest(context.getUniqueId(), context.getTestClass().map(Class::getName), directory(context), hung, isolation)
                .ifPresent(dumpText -> publish(context, dumpText));
    }

    /**
     * A test or container that passed its deadline, reported by unique ID (a fork-isolated class's, which
     * has no extension context in this JVM); returns the dump's text once filed.
     */
    public Optional<String> hungTest(String uniqueId, Optional<String> testClass, Optional<Path> dir,
            HungTestException hung, String isolation) {
        try {
            Optional<SourceFiles.Located> source = sources().locate(hung.getStackTrace());
            Map<String, Object> event = Events.hung(uniqueId, testClass, hung, isolation,
                    source.map(SourceFiles.Located::frame), source.map(SourceFiles.Located::path));
            String dumpText = hung.getMessage() + "\n\n" + hung.threadDump()
                    + hung.deadlock().map(deadlock -> "\n" + deadlock).orElse("");
            record(dir, event, hung.test(), dumpText, "Reaper: hung test");
            return Optional.of(dumpText);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report " + hung.test(), e);
            return Optional.empty();
        }
    }

    /**
     * A leak report, whatever {@code reaper.leaks} made of it. A class's leak that fails it ({@code fail},
     * {@code stop}) is also a GitHub annotation: it fails the class after {@code @AfterAll}, which Surefire's
     * XML shows only as a flake with an empty test name, where XML-based CI reporters never show it.
     */
    public void leak(ExtensionContext context, LeakedThreadsException leaked, String action) {
        boolean classLevel = context.getTestMethod().isEmpty() && context.getTestClass().isPresent();
        boolean classFails = classLevel && ("fail".equals(action) || "stop".equals(action));
        try {
            Map<String, Object> event = Events.leak(context.getUniqueId(), leaked, action);
            if (classLevel) {
                event.put("afterAll", true);
            }
            record(directory(context), event, null, null, classFails ? CLASS_LEAK_TITLE : null);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report a leak", e);
        }
    }

    /** A test that passed, but ran past its {@code reaper.slow} mark. */
    public void nearMiss(ExtensionContext context, String test, Duration took, Duration timeout) {
        try {
            record(directory(context), Events.nearMiss(context.getUniqueId(), test, took, timeout), null, null, null);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report " + test, e);
        }
    }

    /** A forked test whose worker JVM exited under it. */
    public void workerExited(ExtensionContext context, String test, Throwable exit) {
        workerExited(context.getUniqueId(), directory(context), test, exit);
    }

    /** A forked test whose worker JVM exited under it, by unique ID. */
    public void workerExited(String uniqueId, Optional<Path> dir, String test, Throwable exit) {
        try {
            record(dir, Events.workerExit(uniqueId, test, String.valueOf(exit.getMessage())), null, null, null);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report " + test, e);
        }
    }

    /**
     * The run watchdog fired; files its event in {@code dir} (the watchdog's own run settings), brings every
     * summary up to date, and returns the report file to name in its last line, if one was written.
     */
    public Optional<Path> watchdog(Optional<Path> dir, String reason, String message, RunSnapshot run, String dump) {
        try {
            Map<String, Object> event = Events.watchdog(reason, message, run);
            watchdogEvent = event;
            return runEnded(dir, event, "run-watchdog", dump, "Reaper: run watchdog", TimeLimit.NONE);
        } catch (RuntimeException | LinkageError e) {
            failed("could not report the run watchdog", e);
            return Optional.empty();
        }
    }

    /**
     * How the run the watchdog ended did end: its event is rewritten with it, and the Markdown files.
     *
     * @param outcome    {@code graceful} or {@code halted}
     * @param exitStatus the halt's, or null
     * @param line       the console's line saying it
     */
    public void watchdogEnded(String outcome, Integer exitStatus, String line, List<String> endedByBudget,
            List<String> notRun) {
        lock.lock();
        try {
            Map<String, Object> event = watchdogEvent;
            if (event == null) {
                return; // filing it failed, and said so
            }
            Events.watchdogEnded(event, outcome, exitStatus, line, endedByBudget, notRun);
            for (JvmReport report : reports.values()) {
                try {
                    if (report.amend(event)) {
                        report.summarize();
                    }
                } catch (IOException | RuntimeException e) {
                    failed("could not write the report to " + report.json().getParent(), e);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            failed("could not report how the run watchdog ended the run", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The JVM is shutting down while tests run: files the event like the watchdog's, waiting for no lock
     * past {@code within}, and returns the report file written, if any.
     *
     * @param cause       as {@link Events#shutdown} takes it
     * @param callerStack the stack below {@code System.exit} when a thread called it, else empty
     */
    public Optional<Path> shutdown(Optional<Path> dir, String cause, Optional<String> signal, Optional<String> thread,
            List<StackTraceElement> callerStack, String message, RunSnapshot run, String dump, Duration within) {
        try {
            Optional<SourceFiles.Located> source = sources().locate(callerStack.toArray(StackTraceElement[]::new));
            Map<String, Object> event = Events.shutdown(cause, signal, thread, callerStack.stream().findFirst(),
                    source.map(SourceFiles.Located::frame), source.map(SourceFiles.Located::path), message, run);
            return runEnded(dir, event, "shutdown", dump, "Reaper: JVM shut down during tests",
                    TimeLimit.within(within));
        } catch (RuntimeException | LinkageError e) {
            failed("could not report the shutdown", e);
            return Optional.empty();
        }
    }

    /** The JSON file, the Markdown files and the step summary before anything is printed: a console can block. */
    private Optional<Path> runEnded(Optional<Path> dir, Map<String, Object> event, String dumpName, String dump,
            String annotationTitle, TimeLimit limit) {
        Filed filed = file(dir.map(Reports::absolute), event, dumpName, dump, limit);
        flush(limit);
        appendStepSummary(limit);
        announce(filed, event, annotationTitle);
        return filed.json();
    }

    /** At the end of an engine run or a test plan: the Markdown files catch up with the JSON files. */
    public void flush() {
        flush(TimeLimit.NONE);
    }

    private void flush(TimeLimit limit) {
        if (!limit.acquire(lock)) {
            gaveUp("could not write the Markdown summary");
            return;
        }
        try {
            for (JvmReport report : reports.values()) {
                try {
                    report.summarize(limit);
                } catch (IOException | RuntimeException e) {
                    failed("could not write the Markdown summary to " + report.json().getParent(), e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Before a halt, which runs no shutdown hook: everything this JVM knows goes where it is read. */
    public void beforeHalt() {
        flush();
        appendStepSummary();
    }

    /** At the end of a test plan and before a halt: GitHub's step summary gets what it has not shown yet. */
    public void appendStepSummary() {
        appendStepSummary(TimeLimit.NONE);
    }

    private void appendStepSummary(TimeLimit limit) {
        if (!github.enabled()) {
            return;
        }
        if (!limit.acquire(lock)) {
            gaveUp("could not append to $GITHUB_STEP_SUMMARY");
            return;
        }
        try {
            int upTo = events.size();
            if (upTo == summarized) {
                return;
            }
            List<Path> summaries = reports.keySet().stream().map(dir -> dir.resolve(JvmReport.SUMMARY)).toList();
            String full = summaries.isEmpty() ? "the test reports (reaper.report.dir=none)"
                    : summaries.stream().map(file -> "`" + file + "`").collect(Collectors.joining(", "));
            String markdown = Markdown.summary("Reaper (JVM " + pid + ")",
                    List.of(new Markdown.Jvm(pid, List.copyOf(events.subList(summarized, upTo)))), false)
                    + (summaries.isEmpty() ? "" : "Full report: " + full + "\n\n");
            github.appendSummary(markdown, "the events of JVM " + pid + " are in " + full, limit);
            summarized = upTo;
        } catch (IOException | RuntimeException e) {
            failed("could not append to $GITHUB_STEP_SUMMARY", e);
        } finally {
            lock.unlock();
        }
    }

    /** What filing an event did, for {@link #announce} to say once no lock is held. */
    private record Filed(Optional<Path> json, boolean first, String summary) {
    }

    private Optional<Path> record(Optional<Path> dir, Map<String, Object> event, String dumpName, String dumpText,
            String annotationTitle) {
        Filed filed = file(dir, event, dumpName, dumpText, TimeLimit.NONE);
        announce(filed, event, annotationTitle);
        return filed.json();
    }

    /**
     * Files the event (when reports are on). Any event but a leak or a near miss also brings the Markdown
     * files up to date at once: those are rare and each matters.
     */
    private Filed file(Optional<Path> dir, Map<String, Object> event, String dumpName, String dumpText,
            TimeLimit limit) {
        String summary = dir.map(directory -> directory.resolve(JvmReport.SUMMARY).toString())
                .orElse("the step summary");
        if (!limit.acquire(lock)) {
            gaveUp("could not write the report");
            return new Filed(Optional.empty(), false, summary);
        }
        try {
            events.add(event);
            if (dir.isEmpty()) {
                return new Filed(Optional.empty(), false, summary);
            }
            Path directory = dir.get();
            JvmReport report = reports.computeIfAbsent(directory, path -> new JvmReport(path, pid, JUnitVersion.get()));
            Optional<Path> written = Optional.empty();
            boolean first = false;
            try {
                if (dumpText != null) {
                    try {
                        event.put("dump", report.dump(dumpName, dumpText));
                    } catch (IOException e) {
                        failed("could not write the thread dump to " + directory, e); // the event still goes in
                    }
                }
                first = report.add(event);
                written = Optional.of(report.json());
            } catch (IOException | RuntimeException e) {
                failed("could not write the report to " + directory, e);
            }
            // Leaks and near misses can come by the hundred: the Markdown catches up at the run's end.
            Object type = event.get("type");
            if (written.isPresent() && !Events.LEAK.equals(type) && !Events.NEAR_MISS.equals(type)) {
                try {
                    report.summarize(limit);
                } catch (IOException | RuntimeException e) {
                    failed("could not write the Markdown summary to " + directory, e);
                }
            }
            return new Filed(written, first, summary);
        } finally {
            lock.unlock();
        }
    }

    /** The first report file of a directory, and GitHub's annotation. */
    private void announce(Filed filed, Map<String, Object> event, String annotationTitle) {
        if (filed.first()) {
            Path json = filed.json().orElseThrow();
            console.println("Reaper: report in " + json.getParent() + " (" + json.getFileName() + ", "
                    + JvmReport.SUMMARY + ")");
        }
        if (annotationTitle != null) {
            github.annotate(event, annotationTitle, filed.summary());
        }
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
        return directory(context::getConfigurationParameter);
    }

    /** The report directory {@code reaper.report.dir} names among {@code parameters}, absolute. */
    public static Optional<Path> directory(Function<String, Optional<String>> parameters) {
        return RunSettings.reportDir(parameters).map(Reports::absolute);
    }

    private synchronized SourceFiles sources() {
        if (sources == null) {
            String workspace = System.getenv("GITHUB_WORKSPACE");
            sources = new SourceFiles(Paths.get(""), workspace == null || workspace.isBlank() ? null
                    : Paths.get(workspace));
        }
        return sources;
    }

    /** Said once per kind of failure: a full disk would otherwise say it at every event. */
    private void failed(String what, Throwable e) {
        if (failuresSaid.add(e.getClass())) {
            console.println("Reaper: " + what + ": " + e);
        }
    }

    /** A wait the shutdown's time limit cut short (a thread blocked while writing another report), said once. */
    private void gaveUp(String what) {
        if (failuresSaid.add(TimeLimit.class)) {
            console.println("Reaper: " + what
                    + ": another report kept the files locked past the shutdown's time limit");
        }
    }

    private static Path absolute(Path dir) {
        return dir.toAbsolutePath().normalize();
    }
}
