package samples.demo;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;

/** A test waiting for something that never comes: the first rung, an interrupt, ends it. */
@Reaper(timeout = "1 s", grace = "500 ms")
class InterruptibleHangDemo {

    @Test
    @Expected("stopped by interrupt")
    void awaitsALatchNobodyCountsDown() throws InterruptedException {
        new CountDownLatch(1).await();
    }

    @Test
    @Expected("passes")
    void theNextTestStillRuns() {
    }
}
