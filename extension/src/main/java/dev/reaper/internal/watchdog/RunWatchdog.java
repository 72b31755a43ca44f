package dev.reaper.internal.watchdog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import dev.reaper.internal.config.ConfigKeys;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.report.RunSnapshot;
import dev.reaper.internal.run.Durations;

/**
 * The budget of a whole run ({@code reaper.run.timeout}, counted from the first test plan of this JVM) and
 * the stall detector ({@code reaper.run.stall}: no test or class finished for that long while tests run);
 * both fire only while a test plan runs. When either runs out it says which tests are running and for how
 * long, prints and files the thread dump and the report, and ends the JVM with {@link #EXIT_STATUS} before
 * CI's own kill can lose all of it.
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
    private boolean runStarted;
    private volatile long runStartNanos;
    /** The plans that armed the watchdog: with none of them executing it is quiet. */
    private int plansExecuting;
    private Thread thread;
    private volatile boolean fired;
    private volatile boolean reported;

    RunWatchdog(RunSettings settings, RunProgress progress, Reports reports, PrintStream console, LongSupplier nanoTime,
            IntConsumer halt) {
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

    synchronized void planFinished() {
        plansExecuting--;
    }

    /** Starts the watching thread once; it ends with the JVM. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        long period = period().toMillis();
        thread = daemon("reaper-run-watchdog", () -> {
            while (!fired) {
                sleep(period); // only the JVM's end stops the watchdog: an interrupt meant for a test must not
                check().ifPresent(this::fire);
            }
        });
        thread.start();
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

    /** Reports, then halts, whatever reporting does: it may fail (out of memory) or block (a full pipe, a lock). */
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
        try {
            report(reason);
        } finally {
            reported = true;
            halt.accept(EXIT_STATUS);
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
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
    private void report(String reason) {
        long now = nanoTime.getAsLong();
        String why = reason.equals("run-timeout")
                ? "the run exceeded its budget of " + Durations.format(settings.timeout().get()) + " ("
                        + ConfigKeys.RUN_TIMEOUT + ")"
                : "no test finished for " + Durations.format(Duration.ofNanos(now - progress.lastProgressNanos()))
                        + " (" + ConfigKeys.RUN_STALL + "=" + Durations.format(settings.stall().get()) + ")";
        RunSnapshot run = progress.snapshot();
        String message = why + "; " + (run.running().isEmpty() ? "no test is running"
                : "running: " + RunEndLines.running(run));
        console.println("Reaper: run watchdog: " + why + "; ending the JVM with status " + EXIT_STATUS);
        RunEndLines.runningTests(run).forEach(console::println);
        RunEndLines.endedInRunningClasses(run, "the halt").forEach(console::println);
        String dump = Evidence.dumpAllThreads();
        Optional<Path> report = reports.watchdog(settings.reportDir(), reason, message, run, dump, EXIT_STATUS);
        console.println(dump);
        console.println("Reaper: run watchdog: " + message + report.map(file -> "; report: " + file.toAbsolutePath())
                .orElse("") + "; halting with status " + EXIT_STATUS);
        console.flush();
        System.out.flush();
        System.err.flush();
        // Then halt, not exit: shutdown hooks could wait on what hangs, and CI's kill would lose everything.
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
