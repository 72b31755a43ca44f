package dev.reaper.internal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import dev.reaper.internal.report.Reports;
import dev.reaper.internal.run.RunBudget;

/**
 * After the watchdog's report: the run ends gracefully when the running tests are freed and the plan
 * finishes, and halts when a test cannot be freed, is not freed in time, or the run does not finish after it.
 * The escalation itself is faked here; {@code RunBudgetTest} runs the real one in child JVMs.
 */
class GracefulEndTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private final RunProgress progress = new RunProgress(System::nanoTime);
    private final Reports reports = mock(Reports.class);
    private final PrintStream console = mock(PrintStream.class);
    private final IntConsumer halt = mock(IntConsumer.class);
    private final AtomicBoolean planExecuting = new AtomicBoolean(true);
    private final AtomicReference<String> exhausted = new AtomicReference<>();
    private final CountDownLatch escalated = new CountDownLatch(1);

    private GracefulEnd end(List<String> zombies, Duration margin, Duration windDown) {
        RunBudget.Freeing freeing = new RunBudget.Freeing() {
            @Override
            public Duration ladders() {
                return Duration.ZERO;
            }

            @Override
            public List<String> zombies() {
                return zombies;
            }

            @Override
            public List<String> uniqueIds() {
                return List.of("[class:A]/[test:hangs]");
            }

            @Override
            public List<String> descriptions() {
                return List.of("A.hangs()");
            }
        };
        return new GracefulEnd("reaper.run.timeout of 5 s exhausted", reason -> {
            exhausted.set(reason);
            escalated.countDown();
            return freeing;
        }, progress, planExecuting::get, reports, console, System::nanoTime, halt, margin, windDown);
    }

    /** Runs it on a thread of its own, returning once it has escalated (and seen what was running). */
    private Thread running(GracefulEnd end) throws InterruptedException {
        Thread thread = new Thread(end::run, "graceful end under test");
        thread.start();
        assertThat(escalated.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        return thread;
    }

    private void aPlanRunsAHungTestAndTwoMore() {
        progress.planStarted();
        progress.planned("[class:A]/[test:hangs]", () -> "A.hangs()");
        progress.planned("[class:A]/[test:next]", () -> "A.next()");
        progress.planned("[class:B]/[test:first]", () -> "B.first()");
        progress.started("[class:A]", "A", false, Thread.currentThread());
        progress.started("[class:A]/[test:hangs]", "A.hangs()", true, Thread.currentThread());
    }

    @Test
    void freedTestsAndAFinishedPlanEndTheRunGracefullyWithOneLine() throws Exception {
        aPlanRunsAHungTestAndTwoMore();
        GracefulEnd end = end(List.of(), Duration.ofMinutes(5), Duration.ofMinutes(5));
        Thread thread = running(end);

        progress.testFinished("[class:A]/[test:hangs]", "FAILED"); // its ladder freed it
        progress.skipped("[class:A]/[test:next]", "A.next()", false, true);
        progress.skipped("[class:B]/[test:first]", "B.first()", false, true);
        planExecuting.set(false);
        end.runFinished(); // as the run listener calls it at the plan's end
        thread.join(WAIT.toMillis());

        assertThat(thread.isAlive()).isFalse();
        assertThat(exhausted.get()).isEqualTo("reaper.run.timeout of 5 s exhausted");
        verify(console).println("Reaper: run watchdog: reaper.run.timeout of 5 s exhausted; the run ended gracefully,"
                + " the JVM was not halted: 1 running test ended by the budget (A.hangs()), 2 tests not run (skipped);"
                + " the run fails");
        verify(reports).watchdogEnded(eq("graceful"), isNull(), contains("ended gracefully"), eq(List.of("A.hangs()")),
                eq(List.of("A.next()", "B.first()")));
        verify(halt, never()).accept(RunWatchdog.EXIT_STATUS);
    }

    @Test
    void aZombieHaltsNamingTheTestsNotRun() {
        aPlanRunsAHungTestAndTwoMore();
        GracefulEnd end = end(List.of("A.hangs()"), Duration.ofMinutes(5), Duration.ofMinutes(5));

        end.run();

        verify(reports).watchdogEnded(eq("halted"), eq(RunWatchdog.EXIT_STATUS),
                eq("Reaper: run watchdog: reaper.run.timeout of 5 s exhausted; halted: A.hangs() could not be stopped:"
                        + " it holds its thread, so the run cannot finish; halting with status 124"),
                eq(List.of("A.hangs()")), argThatContainsExactlyInAnyOrder("A.next()", "B.first()"));
        verify(console, timeout(WAIT.toMillis())).println(startsWith("Reaper:   not run (2): "));
        verify(halt).accept(RunWatchdog.EXIT_STATUS);
        end.runFinished(); // a plan that ends after the halt was decided says nothing more
        verify(reports, never()).watchdogEnded(eq("graceful"), any(), anyString(), anyList(), anyList());
    }

    @Test
    void aTestNotFreedWithinItsLadderAndTheMarginHalts() {
        aPlanRunsAHungTestAndTwoMore();
        GracefulEnd end = end(List.of(), Duration.ofMillis(200), Duration.ofMinutes(5));

        end.run(); // nothing frees the test

        verify(reports).watchdogEnded(eq("halted"), eq(RunWatchdog.EXIT_STATUS),
                contains(
                        "halted: A.hangs() did not end within 200 ms (its ladder and 200 ms) of the budget running out"),
                anyList(), anyList());
        verify(halt).accept(RunWatchdog.EXIT_STATUS);
    }

    @Test
    void aRunThatDoesNotFinishAfterItsTestsWereFreedHalts() throws Exception {
        aPlanRunsAHungTestAndTwoMore();
        GracefulEnd end = end(List.of(), Duration.ofMinutes(5), Duration.ofMillis(200));
        Thread thread = running(end);

        progress.testFinished("[class:A]/[test:hangs]", "FAILED"); // then class A's @AfterAll hangs
        thread.join(WAIT.toMillis());

        verify(reports).watchdogEnded(eq("halted"), eq(RunWatchdog.EXIT_STATUS),
                contains("halted: the run did not finish within 200 ms after its running tests ended"), anyList(),
                anyList());
        verify(halt).accept(RunWatchdog.EXIT_STATUS);
    }

    private static List<String> argThatContainsExactlyInAnyOrder(String... names) {
        return org.mockito.ArgumentMatchers.argThat(list -> list.size() == names.length
                && list.containsAll(List.of(names)));
    }
}
