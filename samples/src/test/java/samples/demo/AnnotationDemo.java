package samples.demo;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;

/**
 * {@code @Reaper} on the class guards every test in it; on a method it overrides the class's attributes
 * for that test. Nothing else is needed: the annotation registers the extension.
 *
 * <p>Expected: the test that sleeps for an hour is stopped by the first rung, an interrupt, 1 s in (the
 * class's timeout); the one that takes 1.5 s passes, because its own {@code @Reaper} gives it 5 s.
 */
@Reaper(timeout = "1 s", grace = "500 ms")
class AnnotationDemo {

    @Test
    @Expected("stopped by interrupt")
    void usesTheClassTimeout() throws InterruptedException {
        TimeUnit.HOURS.sleep(1);
    }

    @Test
    @Reaper(timeout = "5 s")
    @Expected("passes")
    void overridesItOnTheMethod() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(1500);
    }
}
