package dev.reaper.internal.watchdog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import dev.reaper.internal.config.ConfigKeys;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.report.RunSnapshot;
import dev.reaper.internal.run.RunBudget;
import dev.reaper.internal.util.Durations;
import dev.reaper.internal.util.ReaperThread;

/**
 * The budget of a whole run ({@code reaper.run.timeout}, counted from the first test plan of its launcher
 * session, see {@link ReaperRun}) and
 * the stall detector ({@code reaper.run.stall}: no test or class finished for that long while tests run);
 * both fire only while a test plan runs. When either runs out it says which tests are running and for how
 * long, prints and files the thread dump and the report, then ends the run gracefully ({@link GracefulEnd}):
 * the running tests are stopped through their ladders and the rest are skipped, so that the build tool still
 * writes every report. It halts the JVM with {@link #EXIT_STATUS} only when that fails, before CI's own kill
 * can lose all of it.
 *
 * <p>It watches from a daemon thread of its own: the listener's callbacks run on the threads of the tests
 * it watches, which are exactly the ones that hang.
 */
final class RunWatchdog {

    /** Exit status of a JVM ended by the run watchdog: GNU {@code timeout}'s, so CI logs read familiarly. */
    static final int EXIT_STATUS = 124;

    /** How long printing and filing the evidence may take before the JVM is halted anyway. */
    static final Duration REPORTING_BUDGET = Duration.ofSeconds(30);

    private final RunSettings settings;
    private final RunProgress progress;
    private final Reports reports;
    private final PrintStream console;
    private final LongSupplier nanoTime;
    private final IntConsumer halt;
    private final Function<String, RunBudget.Freeing> budget;
    private volatile GracefulEnd ending;
    private boolean runStarted;
    private volatile long runStartNanos;
    /** The plans that armed the watchdog: with none of them executing it is quiet. */
    private int plansExecuting;
    private Thread thread;
    private volatile boolean fired;
    private volatile boolean stopped;
    private volatile boolean reported;

    /** @param budget exhausts the run budget: the running invocations escalate, no test starts any more */
    RunWatchdog(RunSettings settings, RunProgress progress, Reports reports, PrintStream console, LongSupplier nanoTime,
            IntConsumer halt, Function<String, RunBudget.Freeing> budget) {
        this.budget = budget;
        this.settings = settings;
        this.progress = progress;
        this.reports = reports;
        this.console = console;
        this.nanoTime = nanoTime;
        this.halt = halt;
    }

    synchronized void planStarted() {
        if (!runStarted) {
            runStarted = true;
            runStartNanos = nanoTime.getAsLong();
        }
        plansExecuting++;
    }

    /** At the end of a plan that armed it: the last one to end says how a run the budget ended did end. */
    void planFinished() {
        boolean last;
        synchronized (this) {
            last = --plansExecuting == 0;
        }
        GracefulEnd current = ending;
        if (last && current != null) {
            current.runFinished();
        }
    }

    private synchronized boolean planExecuting() {
        return plansExecuting > 0;
    }

    /** Starts the watching thread once; it ends with its run ({@link #stop}) or with the JVM. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        long period = period().toMillis();
        thread = daemon("reaper-run-watchdog", () -> {
            while (!fired && !stopped) {
                sleep(period); // only its run's end stops the watchdog: an interrupt meant for a test must not
                check().ifPresent(this::fire);
            }
        });
        thread.start();
    }

    /** At the end of its run: none of its plans executes any more, so there is nothing left to watch. */
    void stop() {
        stopped = true;
    }

    /** The reason to fire now, if there is one. */
    synchronized Optional<String> check() {
        // With no plan running, tests are done (or between plans): what the JVM does now is not theirs.
        // With forkCount=0 it is Maven itself, building on.
        if (fired || plansExecuting <= 0 || progress.endReported()) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        if (settings.timeout().isPresent() && now - runStartNanos >= settings.timeout().get().toNanos()) {
            return Optional.of("run-timeout");
        }
        if (settings.stall().isPresent() && now - progress.lastProgressNanos() >= settings.stall().get().toNanos()) {
            return Optional.of("stall");
        }
        return Optional.empty();
    }

    /**
     * Reports, then ends the run gracefully, or halts: whatever reporting does, it may fail (out of memory) or
     * block (a full pipe, a lock).
     */
    void fire(String reason) {
        fired = true;
        if (!progress.claimEndReport()) {
            return; // the JVM is shutting down, and its hook reports
        }
        Thread backstop = daemon("reaper-run-watchdog-backstop", () -> {
            sleep(REPORTING_BUDGET.toMillis());
            if (!reported) {
                // Said from a thread of its own: a blocked console must not keep the JVM from ending.
                Thread say = daemon("reaper-run-watchdog-last-line", () -> console.println("Reaper: run watchdog:"
                        + " reporting took over " + Durations.format(REPORTING_BUDGET) + "; halting with status "
                        + EXIT_STATUS));
                say.start();
                join(say, 1_000);
                halt.accept(EXIT_STATUS);
            }
        });
        backstop.start();
        boolean filed = false;
        RunSnapshot run = progress.snapshot();
        String exhausted = exhausted(reason);
        GracefulEnd end = new GracefulEnd(exhausted, budget, progress, this::planExecuting, reports, console,
                nanoTime, halt, GracefulEnd.FREE_MARGIN, GracefulEnd.WIND_DOWN);
        try {
            report(reason, exhausted, run);
            filed = true;
        } finally {
            reported = true;
            if (!filed) {
                halt.accept(EXIT_STATUS);
            }
        }
        ending = end;
        end.run();
    }

    /** {@code reaper.run.timeout of 45 m exhausted}: what the tests it ends and skips are told. */
    private String exhausted(String reason) {
        return reason.equals("run-timeout")
                ? ConfigKeys.RUN_TIMEOUT + " of " + Durations.format(settings.timeout().get()) + " exhausted"
                : ConfigKeys.RUN_STALL + " of " + Durations.format(settings.stall().get()) + " exhausted";
    }

    // Reaper's own: started while a test runs, they must not be taken for its leaks.
    private static Thread daemon(String name, Runnable task) {
        return new ReaperThread(task, name);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ignored) {
            // ending sooner is no harm here
        }
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException ignored) {
            // ending sooner is no harm here
        }
    }

    /**
     * The reason and the running tests first (a few lines), then the report files, then the whole thread
     * dump on the console: if the console blocks (a full pipe), the backstop halts with the files written.
     */
    private void report(String reason, String exhausted, RunSnapshot run) {
        long now = nanoTime.getAsLong();
        String why = reason.equals("run-timeout")
                ? "the run exceeded its budget of " + Durations.format(settings.timeout().get()) + " ("
                        + ConfigKeys.RUN_TIMEOUT + ")"
                : "no test finished for " + Durations.format(Duration.ofNanos(now - progress.lastProgressNanos()))
                        + " (" + ConfigKeys.RUN_STALL + "=" + Durations.format(settings.stall().get()) + ")";
        String message = why + "; " + (run.running().isEmpty() ? "no test is running"
                : "running: " + RunEndLines.running(run));
        console.println("Reaper: run watchdog: " + why + "; " + exhausted + ": ending the running tests through"
                + " their ladders, the tests not started yet will not run");
        RunEndLines.runningTests(run).forEach(console::println);
        String dump = Evidence.dumpAllThreads();
        Optional<Path> report = reports.watchdog(settings.reportDir(), reason, message, run, dump);
        console.println(dump);
        console.println("Reaper: run watchdog: " + message + report.map(file -> "; report: " + file.toAbsolutePath())
                .orElse(""));
        console.flush();
        System.out.flush();
        System.err.flush();
    }

    private Duration period() {
        Duration shortest = settings.stall().or(settings::timeout).orElseThrow();
        if (settings.timeout().isPresent() && settings.timeout().get().compareTo(shortest) < 0) {
            shortest = settings.timeout().get();
        }
        Duration period = shortest.dividedBy(20);
        return period.compareTo(Duration.ofMillis(20)) < 0 ? Duration.ofMillis(20)
                : period.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : period;
    }
}
