package samples.demo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;
import samples.LaunchWith;

/**
 * {@code reaper.leaks=warn}, the default: a test that leaves a thread running still passes, and Reaper
 * tells, test by test, on standard error and as the JUnit report entry {@code reaper.leaks}:
 *
 * <pre>
 * Reaper: LeakWarnDemo.startsAPollerAndForgetsIt() left 1 thread running (reaper.leaks=warn)
 *   thread "inventory poller" #.., TIMED_WAITING, non-daemon, platform thread (started by its thread)
 *       at java.lang.Thread.sleep(Native Method)
 *       at samples.demo.LeakWarnDemo.poll(LeakWarnDemo.java:..)
 * </pre>
 *
 * <p>Expected: passes, leak reported. The poller goes on running (for 30 s, then it ends by itself).
 */
@Reaper(timeout = "5 s", grace = "500 ms")
@LaunchWith(configuration = "reaper.leaks=warn")
class LeakWarnDemo {

    @Test
    @Expected("passes, leak reported")
    void startsAPollerAndForgetsIt() {
        Thread poller = new Thread(LeakWarnDemo::poll, "inventory poller");
        poller.setDaemon(false); // threads a test starts are daemons unless it says otherwise
        poller.start();
    }

    private static void poll() {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (System.nanoTime() < end) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            // asked to stop: done
        }
    }
}
