package dev.reaper.internal.run;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.reaper.Deadline;

/**
 * The {@link Deadline} of one invocation: a new one for each, so that a stop once requested stays
 * requested for every thread that holds it, whatever runs after.
 */
final class TestDeadline implements Deadline {

    private static final long UNARMED = Long.MAX_VALUE;
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private volatile long deadlineNanos = UNARMED;
    private volatile boolean stopRequested;
    private volatile boolean polled;

    void arm(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The flag rung. */
    void requestStop() {
        stopRequested = true;
    }

    @Override
    public Duration remaining() {
        long deadline = deadlineNanos;
        return deadline == UNARMED ? FOREVER : Duration.ofNanos(deadline - System.nanoTime());
    }

    @Override
    public boolean isStopRequested() {
        if (!polled) {
            polled = true; // written once: a hot polling loop only reads
        }
        return stopRequested;
    }

    /**
     * Whether the flag was read since the invocation began (see
     * {@link dev.reaper.internal.ladder.HungThread#stopFlagPolled()}).
     */
    boolean polled() {
        return polled;
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + remaining() + ", stopRequested=" + stopRequested + "]";
    }
}
