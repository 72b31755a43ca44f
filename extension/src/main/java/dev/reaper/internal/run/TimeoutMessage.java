package dev.reaper.internal.run;

import java.time.Duration;

import dev.reaper.internal.util.Durations;

/** How Reaper says that an invocation passed its own deadline, in every message and console line that says it. */
public final class TimeoutMessage {

    private TimeoutMessage() {
    }

    /** @return e.g. {@code CheckoutTest.pays() exceeded its timeout of 5 s} */
    public static String exceeded(String test, Duration timeout) {
        return test + " exceeded its timeout of " + Durations.format(timeout);
    }
}
