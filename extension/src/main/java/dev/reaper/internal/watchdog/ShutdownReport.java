package dev.reaper.internal.watchdog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.report.RunSnapshot;
import dev.reaper.internal.report.RunningTest;
import dev.reaper.internal.util.Durations;

/**
 * The JVM's shutdown hook: when the JVM ends while tests run (CI cancels a job with SIGINT, then SIGTERM
 * 7.5 s later, then kills it 2.5 s after that; a test calls {@code System.exit}), it names the running
 * tests on the console and files the thread dump, the report and GitHub's step summary as the run
 * watchdog does, within {@link #BUDGET}. When no test runs, or the run ended normally, it does nothing.
 *
 * <p>The work runs on a daemon thread of its own that the hook waits for at most {@link #BUDGET}: whatever
 * blocks in it (a full console pipe, a lock a hung test's thread holds) cannot delay the JVM's end more.
 */
final class ShutdownReport implements Runnable {

    /** Well inside CI's 7.5 s from SIGINT to SIGTERM, and short enough for a developer's Ctrl-C. */
    static final Duration BUDGET = Duration.ofSeconds(2);

    /** The files' share of the budget; the rest prints the dump. */
    private static final Duration FILES_BUDGET = Duration.ofMillis(1_500);

    private final RunProgress progress;
    private final Reports reports;
    private final Optional<Path> reportDir;
    private final PrintStream console;

    private ShutdownReport(RunProgress progress, Reports reports, Optional<Path> reportDir, PrintStream console) {
        this.progress = progress;
        this.reports = reports;
        this.reportDir = reportDir;
        this.console = console;
    }

    /** The hook to register with the JVM: it reports to the first plan's {@code reaper.report.dir}. */
    static Thread hook(RunProgress progress, Reports reports, Optional<Path> reportDir, PrintStream console) {
        return new Thread(new ShutdownReport(progress, reports, reportDir, console), "reaper-shutdown-hook");
    }

    @Override
    public void run() {
        if (!progress.testsRunning() || !progress.claimEndReport()) {
            return;
        }
        Thread report = daemon("reaper-shutdown-report", this::report);
        report.start();
        join(report, BUDGET.toMillis());
    }

    /** The headline from a thread of its own, then the files, then the dump on the console. */
    private void report() {
        long start = System.nanoTime();
        ShutdownCause why = causeOrUnknown();
        Optional<String> exitingTest = why.kind().equals("exit") ? why.thread().flatMap(progress::testOn)
                : Optional.empty();
        RunSnapshot run = progress.snapshot();
        String message = "the JVM is shutting down (" + why.describe(exitingTest) + ") while " + running(run.running());
        List<String> lines = new ArrayList<>();
        lines.add("Reaper: " + message + (exitingTest.isPresent()
                ? "; a test that ends the JVM belongs in fork isolation: @Reaper(isolation = FORK)" : ""));
        lines.addAll(RunEndLines.endedInRunningClasses(run, "the JVM's end"));
        Thread say = daemon("reaper-shutdown-console", () -> {
            lines.forEach(console::println);
            console.flush();
        });
        say.start();
        String dump = Evidence.dumpAllThreads();
        Duration left = FILES_BUDGET.minusNanos(System.nanoTime() - start);
        Optional<Path> file = reports.shutdown(reportDir, why.kind(), why.signal(), why.thread().map(Thread::getName),
                why.callerStack(), message, run, dump, left.isNegative() ? Duration.ZERO : left);
        join(say, Math.max(1, BUDGET.minusNanos(System.nanoTime() - start).toMillis()));
        console.println(dump);
        console.println("Reaper: " + message + file.map(json -> "; report: " + json.toAbsolutePath()).orElse(""));
        console.flush();
    }

    private ShutdownCause causeOrUnknown() {
        try {
            return ShutdownCause.of(Thread.getAllStackTraces());
        } catch (RuntimeException | LinkageError unreadable) {
            return ShutdownCause.UNKNOWN;
        }
    }

    /** {@code A.a() was running (for 1.25 s)}, or {@code A.a() (for 1.25 s), B.b() (for 3 s) were running}. */
    private static String running(List<RunningTest> running) {
        if (running.isEmpty()) {
            return "its tests were ending"; // they finished between the hook's check and this snapshot
        }
        if (running.size() == 1) {
            return running.get(0).name() + " was running (for " + Durations.format(running.get(0).running()) + ")";
        }
        return String.join(", ", running.stream()
                .map(test -> test.name() + " (for " + Durations.format(test.running()) + ")").toList())
                + " were running";
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException ignored) {
            // ending sooner is no harm here
        }
    }
}
