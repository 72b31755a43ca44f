package samples.demo;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;

/**
 * A retry loop that swallows {@link InterruptedException}: JUnit's {@code @Timeout} would hang here.
 * Reaper's stop rung throws an error into the thread.
 */
@Reaper(timeout = "1 s", grace = "500 ms")
class SwallowedInterruptDemo {

    @Test
    @Expected("stopped by stop")
    void pollsForeverIgnoringInterrupts() {
        while (!serviceIsUp()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // the classic bug: the interrupt is lost and the loop goes on
            }
        }
    }

    private static boolean serviceIsUp() {
        return false;
    }
}
