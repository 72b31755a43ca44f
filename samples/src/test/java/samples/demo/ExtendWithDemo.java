package samples.demo;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.reaper.ReaperExtension;
import samples.Expected;
import samples.LaunchWith;

/**
 * {@code @ExtendWith(ReaperExtension.class)}: the extension is registered in the source, its settings
 * come from the configuration, here the launcher's configuration parameters (in a build: Surefire's
 * {@code configurationParameters} or {@code junit-platform.properties}):
 *
 * <pre>
 * reaper.timeout.default = 1 s
 * reaper.grace = 500 ms
 * </pre>
 *
 * <p>Expected: the test that sleeps for an hour is stopped by an interrupt 1 s in.
 */
@ExtendWith(ReaperExtension.class)
@LaunchWith(configuration = {"reaper.timeout.default=1 s", "reaper.grace=500 ms"})
class ExtendWithDemo {

    @Test
    @Expected("stopped by interrupt")
    void sleepsForAnHour() throws InterruptedException {
        TimeUnit.HOURS.sleep(1);
    }
}
