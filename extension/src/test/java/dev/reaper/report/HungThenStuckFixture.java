package dev.reaper.report;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import dev.reaper.testing.Hangs;

/**
 * Run in a child JVM by {@link RunWatchdogTest}, which kills that JVM while the second test is stuck:
 * the first test's hang must already be on disk, whole.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class HungThenStuckFixture {

    @Test
    @Order(1)
    @Reaper(timeout = "300 ms", grace = "300 ms")
    void hangs() throws InterruptedException {
        Hangs.sleepForever();
    }

    @Test
    @Order(2)
    @Reaper(timeout = "1 h")
    void isStuckWhenTheJvmIsKilled() {
        Hangs.sleepSwallowingInterrupts();
    }
}
