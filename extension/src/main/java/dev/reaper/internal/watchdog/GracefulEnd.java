package dev.reaper.internal.watchdog;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import dev.reaper.internal.report.Reports;
import dev.reaper.internal.report.RunSnapshot;
import dev.reaper.internal.report.RunningTest;
import dev.reaper.internal.run.RunBudget;
import dev.reaper.internal.util.Durations;
import dev.reaper.internal.util.ReaperThread;

/**
 * What follows the run watchdog's report: the run budget is exhausted, so every running guarded test climbs
 * its ladder now and no test starts any more; the run then finishes as usual, and the build tool writes
 * every report. Only when the running tests cannot be freed within their graces, or the classes they were in
 * do not finish after them, is the JVM halted, as the watchdog always did before.
 */
final class GracefulEnd {

    /** Beyond the longest ladder: for JUnit to report the freed tests, after their {@code @AfterEach} methods. */
    static final Duration FREE_MARGIN = Duration.ofSeconds(5);

    /** For the classes that were running to finish ({@code @AfterAll}) once their tests are freed. */
    static final Duration WIND_DOWN = Duration.ofSeconds(30);

    /** At most this many names of tests that did not run on the console; the report has them all. */
    private static final int NOT_RUN_ON_CONSOLE = 20;

    private static final long POLL_MILLIS = 20;

    private enum State { FREEING, WINDING_DOWN, ENDED, HALTED }

    private final String exhausted;
    private final Function<String, RunBudget.Freeing> budget;
    private final RunProgress progress;
    private final BooleanSupplier planExecuting;
    private final Reports reports;
    private final PrintStream console;
    private final LongSupplier nanoTime;
    private final IntConsumer halt;
    private final Duration freeMargin;
    private final Duration windDown;
    private final AtomicReference<State> state = new AtomicReference<>(State.FREEING);
    private volatile List<String> endedByBudget = List.of();

    /**
     * @param exhausted     e.g. {@code "reaper.run.timeout of 45 m exhausted"}
     * @param budget        exhausts the run budget, escalating the running invocations
     * @param planExecuting whether a plan that armed the watchdog still executes
     */
    GracefulEnd(String exhausted, Function<String, RunBudget.Freeing> budget,
            RunProgress progress, BooleanSupplier planExecuting, Reports reports, PrintStream console,
            LongSupplier nanoTime, IntConsumer halt, Duration freeMargin, Duration windDown) {
        this.exhausted = exhausted;
        this.budget = budget;
        this.progress = progress;
        this.planExecuting = planExecuting;
        this.reports = reports;
        this.console = console;
        this.nanoTime = nanoTime;
        this.halt = halt;
        this.freeMargin = freeMargin;
        this.windDown = windDown;
    }

    /** On the watchdog's thread, once the evidence is filed: frees the running tests, or halts. */
    void run() {
        List<String> tests = progress.runningTestIds();
        // Named before the escalation: the run may end before it returns.
        endedByBudget = tests.isEmpty() ? List.of() : progress.snapshot().running().stream().map(RunningTest::name)
                .toList();
        RunBudget.Freeing freeing = budget.apply(exhausted);
        if (tests.isEmpty()) {
            endedByBudget = freeing.descriptions(); // a hung @BeforeAll, say
        }
        // What it waits for: the tests running now and what the budget escalated (a hung @BeforeAll's class);
        // never the engine, which ends only with the run.
        Set<String> ids = new LinkedHashSet<>(tests);
        ids.addAll(freeing.uniqueIds());
        Duration allowed = freeing.ladders().plus(freeMargin);
        long limit = nanoTime.getAsLong() + allowed.toNanos();
        while (state.get() == State.FREEING) {
            List<String> zombies = freeing.zombies();
            if (!zombies.isEmpty()) {
                halt(String.join(", ", zombies)
                        + " could not be stopped: it holds its thread, so the run cannot finish");
                return;
            }
            if (!planExecuting.getAsBoolean()) {
                runFinished();
                return;
            }
            if (ids.stream().noneMatch(progress::isRunning)) {
                state.compareAndSet(State.FREEING, State.WINDING_DOWN);
            } else if (nanoTime.getAsLong() - limit >= 0) {
                halt(String.join(", ", ids.stream().filter(progress::isRunning).map(this::name).toList())
                        + " did not end within " + Durations.format(allowed) + " (its ladder and "
                        + Durations.format(freeMargin) + ") of the budget running out");
                return;
            } else {
                pause();
            }
        }
        windDown();
    }

    /** The classes the freed tests were in finish their cleanup; the tests after them are skipped, quickly. */
    private void windDown() {
        long limit = nanoTime.getAsLong() + windDown.toNanos();
        while (state.get() == State.WINDING_DOWN) {
            if (!planExecuting.getAsBoolean()) {
                runFinished();
                return;
            }
            if (nanoTime.getAsLong() - limit >= 0) {
                RunSnapshot run = progress.snapshot();
                halt("the run did not finish within " + Durations.format(windDown) + " after its running tests"
                        + " ended" + (run.running().isEmpty() ? "" : "; running: " + RunEndLines.running(run)));
                return;
            }
            pause();
        }
    }

    /** When the last plan that armed the watchdog finished (on JUnit's thread): the one line of a graceful end. */
    void runFinished() {
        if (!state.compareAndSet(State.FREEING, State.ENDED) && !state.compareAndSet(State.WINDING_DOWN, State.ENDED)) {
            return;
        }
        List<String> ended = endedByBudget;
        List<String> notRun = progress.notRun();
        String line = "Reaper: run watchdog: " + exhausted + "; the run ended gracefully, the JVM was not halted: "
                + (ended.isEmpty() ? "no test was running"
                        : count(ended.size(), "running test") + " ended by the budget ("
                                + String.join(", ", ended) + ")")
                + ", " + count(notRun.size(), "test") + " not run (skipped)"
                + (ended.isEmpty() ? "" : "; the run fails");
        console.println(line);
        console.flush();
        reports.watchdogEnded("graceful", null, line, ended, notRun);
    }

    /** Files how it ended, says so with the tests it leaves running and not run, and halts. */
    private void halt(String why) {
        State before = state.get();
        if ((before != State.FREEING && before != State.WINDING_DOWN) || !state.compareAndSet(before, State.HALTED)) {
            return;
        }
        RunSnapshot run = progress.snapshot();
        List<String> notRun = progress.notRun();
        String line = "Reaper: run watchdog: " + exhausted + "; halted: " + why + "; halting with status "
                + RunWatchdog.EXIT_STATUS;
        reports.watchdogEnded("halted", RunWatchdog.EXIT_STATUS, line, endedByBudget, notRun);
        reports.beforeHalt();
        List<String> lines = new ArrayList<>();
        lines.add(line);
        lines.addAll(RunEndLines.runningTests(run));
        lines.addAll(RunEndLines.endedInRunningClasses(run, "the halt"));
        if (!notRun.isEmpty()) {
            lines.add("Reaper:   not run (" + notRun.size() + "): " + String.join(", ", notRun.stream()
                    .limit(NOT_RUN_ON_CONSOLE).toList())
                    + (notRun.size() > NOT_RUN_ON_CONSOLE
                            ? " and " + (notRun.size() - NOT_RUN_ON_CONSOLE) + " more (see the report)" : ""));
        }
        // Said from a thread of its own: a blocked console must not keep the JVM from ending.
        Thread say = new ReaperThread(() -> {
            lines.forEach(console::println);
            console.flush();
        }, "reaper-run-watchdog-halt-lines");
        say.start();
        try {
            say.join(2_000);
        } catch (InterruptedException ignored) {
            // halting sooner is no harm here
        }
        System.out.flush();
        System.err.flush();
        halt.accept(RunWatchdog.EXIT_STATUS);
    }

    private String name(String uniqueId) {
        return progress.snapshot().running().stream().filter(test -> test.uniqueId().equals(uniqueId))
                .map(RunningTest::name).findFirst().orElse(uniqueId);
    }

    private static String count(int count, String what) {
        return count + " " + what + (count == 1 ? "" : "s");
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException ignored) {
            // looking again sooner is no harm here
        }
    }
}
