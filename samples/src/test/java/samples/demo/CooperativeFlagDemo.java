package samples.demo;

import org.junit.jupiter.api.Test;

import dev.reaper.Deadline;
import dev.reaper.Reaper;
import samples.Expected;

/**
 * Code that polls Reaper's cooperative flag ends cleanly at the flag rung, before anything is thrown
 * into it: inject {@link Deadline}, or call {@link Deadline#current()} where there is no parameter.
 */
@Reaper(timeout = "1 s", grace = "500 ms")
class CooperativeFlagDemo {

    @Test
    @Expected("stopped by flag")
    void drainsAQueueThatNeverEmpties(Deadline deadline) {
        while (true) {
            deadline.checkpoint(); // throws TestStoppedError once Reaper asks the test to stop
            process();
        }
    }

    @Test
    @Expected("stopped by flag")
    void helperWithoutAParameter() {
        while (!Deadline.current().isStopRequested()) {
            process();
        }
    }

    private static void process() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException swallowed) {
            // this code only listens to the flag
        }
    }
}
