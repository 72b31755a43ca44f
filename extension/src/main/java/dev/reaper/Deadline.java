package dev.reaper;

import java.time.Duration;

/**
 * The deadline of the test (or lifecycle method) that is running, and Reaper's cooperative stop flag.
 *
 * <p>Declare it as a parameter of a test, {@code @BeforeEach}, {@code @AfterEach} method or
 * constructor, or call {@link #current()} from code that has no parameter to take it; threads started
 * by the test see their test's deadline too. Long-running loops that may swallow interrupts poll it:
 *
 * <pre>{@code
 * @Test
 * @Reaper(timeout = "5 s")
 * void drainsTheQueue(Deadline deadline) {
 *     while (!queue.isEmpty()) {
 *         deadline.checkpoint();   // throws TestStoppedError once Reaper asks the test to stop
 *         process(queue.poll());
 *     }
 * }
 * }</pre>
 *
 * <p>The flag turns on when the ladder reaches the {@link Rung#FLAG flag} rung, and is visible to
 * every thread at once from that moment. Each invocation (test, lifecycle method) has a deadline of
 * its own: once raised, a flag stays raised for every thread that holds it.
 */
public interface Deadline {

    /**
     * Time left until the deadline of the running test or lifecycle method; zero or negative once it
     * has passed. Where no deadline applies (Reaper disabled, or outside a test), a very long duration.
     */
    Duration remaining();

    /** Whether Reaper has asked the running test to stop. */
    boolean isStopRequested();

    /**
     * Returns normally unless a stop was requested, in which case it throws {@link TestStoppedError}.
     *
     * @throws TestStoppedError once Reaper asked the running test to stop
     */
    default void checkpoint() {
        if (isStopRequested()) {
            throw new TestStoppedError("Reaper asked this test to stop: its deadline has passed");
        }
    }

    /**
     * The deadline of the test (or lifecycle method) running on the current thread, or of the one that
     * was running on the thread that started the current thread, platform or virtual. Outside a
     * Reaper-guarded invocation it never requests a stop.
     */
    static Deadline current() {
        return CurrentDeadline.get();
    }
}
