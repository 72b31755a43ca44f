package dev.reaper.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.reaper.Reaper;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;

/**
 * JUnit's own {@code @Timeout} wraps Reaper: when it fires first it interrupts the thread waiting for
 * the test, and Reaper passes the interrupt on to the test's managed thread; when the test ignores
 * interrupts, Reaper's own deadline still ends it.
 */
class JUnitTimeoutCoexistenceTest {

    @Reaper(timeout = "10 s", grace = "200 ms")
    static class ShorterJUnitTimeout {

        @Test
        @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
        void sleeps() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Reaper(timeout = "300 ms", grace = "200 ms")
    static class InterruptIgnored {

        @Test
        @Timeout(value = 100, unit = TimeUnit.MILLISECONDS)
        void spins() {
            Hangs.busySpin();
        }
    }

    /** JUnit's separate-thread timeout gives up waiting and moves on while the test still runs. */
    @Reaper(timeout = "5 s", grace = "200 ms")
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class SeparateThreadTimeout {

        static final java.util.List<String> afterEachRuns = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Test
        @Timeout(value = 200, unit = TimeUnit.MILLISECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void a_ignoresInterrupts() {
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }

        @Test
        void b_passes() {
        }

        @org.junit.jupiter.api.AfterEach
        void afterEach(org.junit.jupiter.api.TestInfo test) {
            afterEachRuns.add(test.getDisplayName());
        }
    }

    @Test
    void aThreadStillBusyWithAnAbandonedTestIsNotReused() {
        SeparateThreadTimeout.afterEachRuns.clear();
        Kit kit = Kit.run(SeparateThreadTimeout.class);

        assertThat(kit.failure("a_ignoresInterrupts()")).isInstanceOf(TimeoutException.class);
        kit.assertSuccessful("b_passes()");
        assertThat(kit.elapsed("b_passes()")).isLessThan(Duration.ofSeconds(5));
        assertThat(SeparateThreadTimeout.afterEachRuns).contains("a_ignoresInterrupts()", "b_passes()");
    }

    @Test
    void junitsTimeoutReachesTheManagedThread() {
        Kit kit = Kit.run(ShorterJUnitTimeout.class);

        assertThat(kit.failure("sleeps()")).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("timed out after 200 milliseconds");
        assertThat(kit.elapsed("sleeps()")).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void reaperEndsWhatJUnitsTimeoutCannot() {
        Kit kit = Kit.run(InterruptIgnored.class);

        Throwable failure = kit.failure("spins()");
        // JUnit's same-thread timeout reports its own exception once the invocation returns, with
        // Reaper's failure attached.
        assertThat(failure).isInstanceOf(TimeoutException.class);
        assertThat(failure.getSuppressed()).anySatisfy(suppressed -> assertThat(suppressed)
                .isInstanceOf(dev.reaper.HungTestException.class).hasMessageContaining("stopped by stop"));
    }
}
