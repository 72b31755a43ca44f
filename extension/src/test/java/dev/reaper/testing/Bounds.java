package dev.reaper.testing;

import java.time.Duration;

/**
 * Time bounds for tests of real hangs. The machines are noisy, so bounds are generous: they tell a
 * stopped test from one that hung until something else ended it, not one latency from another.
 */
public final class Bounds {

    /** Slack for JVM and machine noise on top of the deadline and the graces used. */
    public static final Duration MARGIN = Duration.ofSeconds(3);

    private Bounds() {
    }

    public static Duration within(Duration timeout, Duration grace, int rungsUsed) {
        return timeout.plus(grace.multipliedBy(rungsUsed)).plus(MARGIN);
    }
}
