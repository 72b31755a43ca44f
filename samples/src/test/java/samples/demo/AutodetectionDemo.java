package samples.demo;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.junit.jupiter.api.Test;

import samples.Expected;
import samples.LaunchWith;

/**
 * Reaper from the configuration only: no Reaper annotation and no {@code @ExtendWith} anywhere in this
 * class. {@code reaper-junit} registers {@code ReaperExtension} in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, so a build that adds the
 * dependency and these configuration parameters (Surefire's {@code configurationParameters}) guards
 * every test it runs:
 *
 * <pre>
 * junit.jupiter.extensions.autodetection.enabled = true
 * reaper.timeout.default = 1 s
 * reaper.grace = 500 ms
 * </pre>
 *
 * <p>Expected: the test waiting on an empty queue is stopped by an interrupt 1 s in; the next one passes.
 * The configuration is all that guards it: run without those parameters (in an IDE, say) the first test
 * waits forever. (Its name does not match Surefire's default includes, so the samples module's own
 * {@code mvn verify} never runs it directly; only {@code SampleRun} does, with the parameters above.)
 */
@LaunchWith(configuration = {
        "junit.jupiter.extensions.autodetection.enabled=true",
        "reaper.timeout.default=1 s",
        "reaper.grace=500 ms"})
class AutodetectionDemo {

    private final BlockingQueue<String> replies = new ArrayBlockingQueue<>(1);

    @Test
    @Expected("stopped by interrupt")
    void waitsForAReplyThatNeverComes() throws InterruptedException {
        replies.take();
    }

    @Test
    @Expected("passes")
    void theNextTestStillRuns() {
    }
}
