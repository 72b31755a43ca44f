package dev.reaper.internal.ladder;

import java.util.Optional;

/**
 * Throws an error asynchronously into another thread: the mechanism behind the stop rung.
 *
 * <p>What a pending error can and cannot end (measured on JDK 17 and 25): busy loops, {@code sleep},
 * {@code Object.wait} and parked threads are stopped within a millisecond or so; a thread blocked on a
 * {@code synchronized} monitor or inside a blocking native call keeps the error pending until it
 * returns; code that catches {@link Throwable} swallows it.
 */
interface ThreadStopper {

    /**
     * Empty when this stopper works in this JVM; otherwise one line saying why not (shown to users as
     * {@code "stop rung unavailable: <reason>"}).
     */
    Optional<String> unavailableReason();

    /**
     * Delivers {@code error} asynchronously into {@code target}.
     *
     * @return true when the JVM accepted it (it is now pending in the target), false when refused,
     *     when this stopper is unavailable, or when the thread is not alive. Never throws.
     */
    boolean stop(Thread target, Throwable error);

    /** Short name for messages, e.g. {@code "JVMTI StopThread"} or {@code "Thread.stop"}. */
    String name();
}
