package dev.reaper.internal.ladder;

import java.util.function.BiPredicate;

/** What the ladder acts on: a thread running an invocation that passed its deadline. */
public interface HungThread {

    Thread thread();

    /** The test or lifecycle method, for messages. */
    String description();

    /** Whether the invocation has ended: returned, thrown, or its thread died. */
    boolean hasFinished();

    /** Waits until the invocation has ended or {@code untilNanos} ({@link System#nanoTime()}) passes. */
    boolean awaitFinish(long untilNanos);

    /** The interrupt rung: interrupts the thread, unless the invocation has ended meanwhile. */
    default void interrupt() {
        thread().interrupt();
    }

    /**
     * The stop rung: lets {@code stopper} throw {@code error} into the thread, unless the invocation has ended
     * meanwhile.
     */
    default void stop(Throwable error, BiPredicate<Thread, Throwable> stopper) {
        stopper.test(thread(), error);
    }

    /** Turns the test's cooperative stop flag on. */
    void requestStop();

    /**
     * Whether the test has read its stop flag since the invocation began. Code that never polled it by
     * the time the flag rung comes (a deadline and a grace later) is not going to: the flag is set all
     * the same, but the ladder does not wait a grace for it.
     */
    boolean stopFlagPolled();

    /**
     * The test class whose code runs on the thread, or null when unknown. The stop rung uses it to tell
     * the test's own static initializers from a library's: stopping a thread inside a library's leaves
     * that class unusable in the JVM. Unknown means every static initializer counts as a library's.
     */
    default Class<?> testClass() {
        return null;
    }
}
