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
