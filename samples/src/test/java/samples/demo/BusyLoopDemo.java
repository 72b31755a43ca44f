package samples.demo;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;

/** A CPU-bound loop that never checks anything: only the stop rung ends it. */
@Reaper(timeout = "1 s", grace = "500 ms")
class BusyLoopDemo {

    static volatile long counter;

    @Test
    @Expected("stopped by stop")
    void spinsForever() {
        while (counter >= 0) {
            counter++;
        }
    }
}
