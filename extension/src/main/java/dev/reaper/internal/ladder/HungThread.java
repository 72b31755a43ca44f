package dev.reaper.internal.ladder;

/** What the ladder acts on: a thread running an invocation that passed its deadline. */
public interface HungThread {

    Thread thread();

    /** The test or lifecycle method, for messages. */
    String description();

    /** Whether the invocation has ended: returned, thrown, or its thread died. */
    boolean hasFinished();

    /** Waits until the invocation has ended or {@code untilNanos} ({@link System#nanoTime()}) passes. */
    boolean awaitFinish(long untilNanos);

    /** Turns the test's cooperative stop flag on. */
    void requestStop();
}
