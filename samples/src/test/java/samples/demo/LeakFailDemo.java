package samples.demo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;
import samples.LaunchWith;

/**
 * {@code reaper.leaks=fail}: a test that leaves a thread running fails with a
 * {@code LeakedThreadsException} listing each leaked thread with its stack; Reaper leaves the thread
 * alone. For a suite that reports no leaks any more, to keep it that way.
 *
 * <pre>
 * dev.reaper.LeakedThreadsException: LeakFailDemo.startsAPollerAndForgetsIt() left 1 thread running (reaper.leaks=fail)
 *   thread "price poller" #.., TIMED_WAITING, non-daemon, platform thread (started by its thread)
 * </pre>
 *
 * <p>Expected: fails, leak left running (the poller ends by itself 30 s later).
 */
@Reaper(timeout = "5 s", grace = "500 ms")
@LaunchWith(configuration = "reaper.leaks=fail")
class LeakFailDemo {

    @Test
    @Expected("fails, leak left running")
    void startsAPollerAndForgetsIt() {
        Thread poller = new Thread(LeakFailDemo::poll, "price poller");
        poller.setDaemon(false);
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
