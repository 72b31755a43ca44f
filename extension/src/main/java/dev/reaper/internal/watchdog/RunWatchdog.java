package dev.reaper.internal.watchdog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import dev.reaper.internal.config.ConfigKeys;
import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.evidence.Evidence;
import dev.reaper.internal.report.FinishedTest;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.report.RunningTest;
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

    private record Running(String name, String uniqueId, boolean test, long startNanos) {
    }

    private record Ended(String name, String status, long order) {
    }

    /** How long printing and filing the evidence may take before the JVM is halted anyway. */
    static final Duration REPORTING_BUDGET = Duration.ofSeconds(30);

    /** At most this many of them on the console; the report has them all. */
    private static final int ENDED_ON_CONSOLE = 20;

    private final RunSettings settings;
    private final Reports reports;
    private final PrintStream console;
    private final LongSupplier nanoTime;
    private final IntConsumer halt;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> finishedTests = new ConcurrentHashMap<>();
    /**
     * The tests that ended in outermost classes still running: a halt costs those classes their XML
     * reports, so the report names them. Forgotten when their class ends: it holds the running classes' worth.
     */
    private final Map<String, Ended> endedInRunningClasses = new ConcurrentHashMap<>();
    private final AtomicLong endings = new AtomicLong();
    private boolean runStarted;
    private volatile long runStartNanos;
    private volatile long lastProgressNanos;
    private int plansExecuting;
    private Thread thread;
    private volatile boolean fired;
    private volatile boolean reported;

    RunWatchdog(RunSettings settings, Reports reports, PrintStream console, LongSupplier nanoTime, IntConsumer halt) {
        this.settings = settings;
        this.reports = reports;
        this.console = console;
        this.nanoTime = nanoTime;
        this.halt = halt;
    }

    synchronized void planStarted() {
        long now = nanoTime.getAsLong();
        if (!runStarted) {
            runStarted = true;
            runStartNanos = now;
        }
        lastProgressNanos = now;
        plansExecuting++;
    }

    synchronized void planFinished() {
        plansExecuting--;
        lastProgressNanos = nanoTime.getAsLong();
        if (plansExecuting == 0) {
            // Tests directly under an engine belong to no class that could end: only the plan's end forgets them.
            endedInRunningClasses.clear();
        }
    }

    void started(String uniqueId, String name, boolean test) {
        running.put(uniqueId, new Running(name, uniqueId, test, nanoTime.getAsLong()));
    }

    /** @param status {@code SUCCESSFUL}, {@code FAILED} or {@code ABORTED} */
    void testFinished(String uniqueId, String status) {
        Running test = running.remove(uniqueId);
        finishedTests.merge(status, 1, Integer::sum);
        if (test != null) {
            endedInRunningClasses.put(uniqueId, new Ended(test.name(), status, endings.incrementAndGet()));
        }
        lastProgressNanos = nanoTime.getAsLong();
    }

    /** @param outermost a class directly under its engine: its XML report is written now, with its tests' */
    void containerFinished(String uniqueId, boolean outermost) {
        running.remove(uniqueId);
        if (outermost) {
            String inside = uniqueId + "/";
            endedInRunningClasses.keySet().removeIf(id -> id.startsWith(inside));
        }
        lastProgressNanos = nanoTime.getAsLong();
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
        if (fired || plansExecuting <= 0) {
            return Optional.empty();
        }
        long now = nanoTime.getAsLong();
        if (settings.timeout().isPresent() && now - runStartNanos >= settings.timeout().get().toNanos()) {
            return Optional.of("run-timeout");
        }
        if (settings.stall().isPresent() && now - lastProgressNanos >= settings.stall().get().toNanos()) {
            return Optional.of("stall");
        }
        return Optional.empty();
    }

    /** Reports, then halts, whatever reporting does: it may fail (out of memory) or block (a full pipe, a lock). */
    void fire(String reason) {
        fired = true;
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
                : "no test finished for " + Durations.format(Duration.ofNanos(now - lastProgressNanos)) + " ("
                        + ConfigKeys.RUN_STALL + "=" + Durations.format(settings.stall().get()) + ")";
        List<RunningTest> tests = runningNow(now);
        String message = why + "; " + (tests.isEmpty() ? "no test is running" : "running: " + String.join(", ",
                tests.stream().map(test -> test.name() + " for " + Durations.format(test.running())).toList()));
        console.println("Reaper: run watchdog: " + why + "; ending the JVM with status " + EXIT_STATUS);
        for (RunningTest test : tests) {
            console.println("Reaper:   " + test.name() + " has been running for " + Durations.format(test.running()));
        }
        List<FinishedTest> ended = endedInRunningClasses();
        if (!ended.isEmpty()) {
            console.println("Reaper:   ended before, in the classes still running (the halt costs them their XML"
                    + " report): " + String.join(", ", ended.stream().limit(ENDED_ON_CONSOLE)
                            .map(test -> test.name() + " " + test.status()).toList())
                    + (ended.size() > ENDED_ON_CONSOLE
                            ? " and " + (ended.size() - ENDED_ON_CONSOLE) + " more (see the report)" : ""));
        }
        String dump = Evidence.dumpAllThreads();
        Optional<Path> report = reports.watchdog(settings.reportDir(), reason, message, tests,
                new TreeMap<>(finishedTests), ended, dump, EXIT_STATUS);
        console.println(dump);
        console.println("Reaper: run watchdog: " + message + report.map(file -> "; report: " + file.toAbsolutePath())
                .orElse("") + "; halting with status " + EXIT_STATUS);
        console.flush();
        System.out.flush();
        System.err.flush();
        // Then halt, not exit: shutdown hooks could wait on what hangs, and CI's kill would lose everything.
    }

    private List<FinishedTest> endedInRunningClasses() {
        return endedInRunningClasses.values().stream().sorted(Comparator.comparingLong(Ended::order))
                .map(test -> new FinishedTest(test.name(), test.status())).toList();
    }

    /** The running tests, longest running first; the running classes only when no test is running (a hung {@code @BeforeAll}). */
    private List<RunningTest> runningNow(long now) {
        List<Running> snapshot = new ArrayList<>(running.values());
        if (snapshot.stream().anyMatch(Running::test)) {
            snapshot.removeIf(entry -> !entry.test());
        }
        snapshot.sort(Comparator.comparingLong(Running::startNanos));
        List<RunningTest> tests = new ArrayList<>();
        for (Running entry : snapshot) {
            tests.add(new RunningTest(entry.name(), entry.uniqueId(), Duration.ofNanos(now - entry.startNanos())));
        }
        return tests;
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
