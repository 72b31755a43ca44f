package dev.reaper.internal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.report.FinishedTest;
import dev.reaper.internal.report.Reports;
import dev.reaper.internal.run.RunBudget;

/** When the watchdog fires, on a clock the test moves (firing itself is tested in child JVMs). */
class RunWatchdogClockTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final IntConsumer halt = mock(IntConsumer.class);
    private final RunProgress progress = new RunProgress(now::get);

    /** The budget's escalation, as a test of the watchdog alone sees it: every running test is a zombie. */
    private final Function<String, RunBudget.Freeing> zombies = reason -> new RunBudget.Freeing() {
        @Override
        public Duration ladders() {
            return Duration.ZERO;
        }

        @Override
        public List<String> zombies() {
            return List.of("B.d()");
        }

        @Override
        public List<String> uniqueIds() {
            return List.of("[class:B]/[test:d]");
        }

        @Override
        public List<String> descriptions() {
            return List.of("B.d()");
        }
    };

    private RunWatchdog watchdog(Duration timeout, Duration stall) {
        return new RunWatchdog(
                new RunSettings(Optional.ofNullable(timeout), Optional.ofNullable(stall), Optional.empty()),
                progress, Reports.ofThisJvm(), mock(PrintStream.class), now::get, halt, zombies);
    }

    /** As the run listener starts an arming plan: the JVM's progress and the watchdog's count. */
    private void planStarted(RunWatchdog watchdog) {
        progress.planStarted();
        watchdog.planStarted();
    }

    private void planFinished(RunWatchdog watchdog) {
        progress.planFinished();
        watchdog.planFinished();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aStallIsTimeWithoutAnythingFinishingWhileAPlanRuns() {
        RunWatchdog watchdog = watchdog(null, Duration.ofSeconds(10));
        planStarted(watchdog);
        progress.started("[test:a]", "A.a()", true, Thread.currentThread());
        advance(Duration.ofSeconds(9));
        assertThat(watchdog.check()).isEmpty();
        progress.testFinished("[test:a]", "SUCCESSFUL");
        advance(Duration.ofSeconds(9));
        assertThat(watchdog.check()).isEmpty(); // a finished test resets the clock
        advance(Duration.ofSeconds(1));
        assertThat(watchdog.check()).contains("stall");
    }

    @Test
    void noPlanRunningIsNoStall() {
        RunWatchdog watchdog = watchdog(null, Duration.ofSeconds(10));
        planStarted(watchdog);
        planFinished(watchdog);
        advance(Duration.ofMinutes(5));
        assertThat(watchdog.check()).isEmpty();
    }

    @Test
    void theRunBudgetCountsFromTheFirstPlanAcrossLaterOnes() {
        RunWatchdog watchdog = watchdog(Duration.ofSeconds(30), null);
        planStarted(watchdog);
        advance(Duration.ofSeconds(20));
        planFinished(watchdog);
        planStarted(watchdog); // Surefire may run class after class as plans of their own
        advance(Duration.ofSeconds(9));
        assertThat(watchdog.check()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(watchdog.check()).contains("run-timeout");
    }

    @Test
    void aSpentBudgetAfterTheLastPlanFiresNothing() {
        // forkCount=0: the plan ran in Maven's own JVM, which builds on after it.
        RunWatchdog watchdog = watchdog(Duration.ofSeconds(30), null);
        planStarted(watchdog);
        advance(Duration.ofSeconds(20));
        planFinished(watchdog);
        advance(Duration.ofMinutes(30));
        assertThat(watchdog.check()).isEmpty();
    }

    @Test
    void reportingThatFailsStillHalts() {
        Reports reports = mock(Reports.class);
        when(reports.watchdog(any(), any(), any(), any(), any()))
                .thenThrow(new OutOfMemoryError("Java heap space"));
        RunWatchdog watchdog = new RunWatchdog(new RunSettings(Optional.of(Duration.ofSeconds(1)), Optional.empty(),
                Optional.empty()), progress, reports, mock(PrintStream.class), now::get, halt, zombies);
        planStarted(watchdog);
        advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> watchdog.fire(watchdog.check().orElseThrow())).isInstanceOf(OutOfMemoryError.class);

        verify(halt).accept(RunWatchdog.EXIT_STATUS);
    }

    @Test
    void aHaltNamesTheTestsThatEndedInClassesStillRunning() {
        Reports reports = mock(Reports.class);
        PrintStream console = mock(PrintStream.class);
        RunWatchdog watchdog = new RunWatchdog(new RunSettings(Optional.empty(), Optional.of(Duration.ofSeconds(10)),
                Optional.empty()), progress, reports, console, now::get, halt, zombies);
        planStarted(watchdog);
        progress.started("[class:A]", "A", false, Thread.currentThread());
        progress.started("[class:A]/[test:a]", "A.a()", true, Thread.currentThread());
        progress.testFinished("[class:A]/[test:a]", "SUCCESSFUL");
        progress.containerFinished("[class:A]", true); // A's XML report is written: nothing of it is lost
        progress.started("[class:B]", "B", false, Thread.currentThread());
        progress.started("[class:B]/[nested:N]", "B.N", false, Thread.currentThread());
        progress.started("[class:B]/[nested:N]/[test:b]", "B.N > b()", true, Thread.currentThread());
        progress.testFinished("[class:B]/[nested:N]/[test:b]", "FAILED");
        progress.containerFinished("[class:B]/[nested:N]", false); // in B's report, which is still to come
        progress.started("[class:B]/[test:c]", "B.c()", true, Thread.currentThread());
        progress.testFinished("[class:B]/[test:c]", "SUCCESSFUL");
        progress.started("[class:B]/[test:d]", "B.d()", true, Thread.currentThread());
        advance(Duration.ofSeconds(10));

        watchdog.fire(watchdog.check().orElseThrow());

        InOrder order = inOrder(reports, console);
        order.verify(reports).watchdog(eq(Optional.empty()), eq("stall"),
                startsWith("no test finished for 10 s (reaper.run.stall=10 s); running: B.d() for 10 s"),
                argThat(run -> run.running().size() == 1 && run.running().get(0).name().equals("B.d()")
                        && run.finishedTests().equals(Map.of("SUCCESSFUL", 2, "FAILED", 1))
                        && run.endedInRunningClasses().equals(List.of(new FinishedTest("B.N > b()", "FAILED"),
                                new FinishedTest("B.c()", "SUCCESSFUL")))),
                contains("RunWatchdog.fire"));
        // Filed before the whole dump goes to a console that may block (a full pipe): the files come first.
        order.verify(console).println(contains("RunWatchdog.fire"));
        order.verify(reports).watchdogEnded(eq("halted"), eq(RunWatchdog.EXIT_STATUS),
                startsWith(
                        "Reaper: run watchdog: reaper.run.stall of 10 s exhausted; halted: B.d() could not be stopped"),
                eq(List.of("B.d()")), eq(List.of()));
        verify(console).println("Reaper:   ended before, in the classes still running (the halt costs them their XML"
                + " report): B.N > b() FAILED, B.c() SUCCESSFUL");
        verify(halt).accept(RunWatchdog.EXIT_STATUS);
    }
}
