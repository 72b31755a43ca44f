package dev.reaper.internal.run;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.reaper.Deadline;

/**
 * The {@link Deadline} of one test (or of one class, for its class-level lifecycle methods), re-armed
 * for each of its invocations, which JUnit runs one after another.
 */
public final class TestDeadline implements Deadline {

    /** For code outside any Reaper-managed test, and for tests while Reaper is disabled. */
    public static final Deadline NONE = new TestDeadline();

    private static final long UNARMED = Long.MAX_VALUE;
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private volatile long deadlineNanos = UNARMED;
    private volatile boolean stopRequested;
    private volatile boolean polled;

    /** Each invocation has its own deadline: a stop requested for the test is not one for its @AfterEach. */
    void arm(long deadlineNanos) {
        this.stopRequested = false;
        this.polled = false;
        this.deadlineNanos = deadlineNanos;
    }

    /** The flag rung. */
    public void requestStop() {
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
            polled = true; // written once per invocation: a hot polling loop only reads
        }
        return stopRequested;
    }

    /** Whether the flag was read since the invocation began (see {@link dev.reaper.internal.ladder.HungThread#stopFlagPolled()}). */
    boolean polled() {
        return polled;
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + remaining() + ", stopRequested=" + stopRequested + "]";
    }
}
