package dev.reaper.report;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import dev.reaper.testing.Hangs;

/**
 * Run in a child JVM by {@link RunWatchdogTest}: a test passes, then one hangs where no per-test timeout
 * will catch it in time (an hour), so only the run watchdog ends the JVM.
 */
@Reaper(timeout = "1 h")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class WatchdogFixture {

    @Test
    @Order(1)
    void passes() {
    }

    @Test
    @Order(2)
    void hangs() {
        Hangs.sleepSwallowingInterrupts();
    }
}
