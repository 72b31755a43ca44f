package samples.demo;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;
import samples.LaunchWith;

/**
 * {@code reaper.leaks=stop}: the test fails with a {@code LeakedThreadsException}, and Reaper puts each
 * leaked thread through the ladder's {@code interrupt} and then {@code stop} rungs, so that what a
 * failing test left behind cannot poison the tests after it. This poller swallows interrupts, so the
 * interrupt does not end it and the stop rung does:
 *
 * <pre>
 * dev.reaper.LeakedThreadsException: LeakStopDemo.startsAPollerThatIgnoresInterrupts() left 1 thread running (reaper.leaks=stop)
 *   thread "stubborn poller" #.., TIMED_WAITING, non-daemon, platform thread (started by its thread): stopped by stop
 * </pre>
 *
 * <p>Expected: fails, leak stopped by stop.
 */
@Reaper(timeout = "5 s", grace = "500 ms")
@LaunchWith(configuration = "reaper.leaks=stop")
class LeakStopDemo {

    @Test
    @Expected("fails, leak stopped by stop")
    void startsAPollerThatIgnoresInterrupts() {
        Thread poller = new Thread(LeakStopDemo::pollForever, "stubborn poller");
        poller.setDaemon(false);
        poller.start();
    }

    private static void pollForever() {
        while (true) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // the classic bug: the interrupt is lost and the loop goes on
            }
        }
    }
}
