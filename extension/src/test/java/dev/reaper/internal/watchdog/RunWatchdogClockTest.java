package dev.reaper.internal.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

import dev.reaper.internal.config.RunSettings;
import dev.reaper.internal.report.Reports;

/** When the watchdog fires, on a clock the test moves (firing itself is tested in child JVMs). */
class RunWatchdogClockTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final IntConsumer halt = mock(IntConsumer.class);

    private RunWatchdog watchdog(Duration timeout, Duration stall) {
        return new RunWatchdog(new RunSettings(Optional.ofNullable(timeout), Optional.ofNullable(stall), Optional.empty()),
                Reports.shared(), mock(PrintStream.class), now::get, halt);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void aStallIsTimeWithoutAnythingFinishingWhileAPlanRuns() {
        RunWatchdog watchdog = watchdog(null, Duration.ofSeconds(10));
        watchdog.planStarted();
        watchdog.started("[test:a]", "A.a()", true);
        advance(Duration.ofSeconds(9));
        assertThat(watchdog.check()).isEmpty();
        watchdog.finished("[test:a]", "SUCCESSFUL");
        advance(Duration.ofSeconds(9));
        assertThat(watchdog.check()).isEmpty(); // a finished test resets the clock
        advance(Duration.ofSeconds(1));
        assertThat(watchdog.check()).contains("stall");
        verifyNoInteractions(halt);
    }

    @Test
    void noPlanRunningIsNoStall() {
        RunWatchdog watchdog = watchdog(null, Duration.ofSeconds(10));
        watchdog.planStarted();
        watchdog.planFinished();
        advance(Duration.ofMinutes(5));
        assertThat(watchdog.check()).isEmpty();
    }

    @Test
    void theRunBudgetCountsFromTheFirstPlanAcrossLaterOnes() {
        RunWatchdog watchdog = watchdog(Duration.ofSeconds(30), null);
        watchdog.planStarted();
        advance(Duration.ofSeconds(20));
        watchdog.planFinished();
        watchdog.planStarted(); // Surefire may run class after class as plans of their own
        advance(Duration.ofSeconds(9));
        assertThat(watchdog.check()).isEmpty();
        advance(Duration.ofSeconds(1));
        assertThat(watchdog.check()).contains("run-timeout");
    }
}
