package dev.reaper;

/**
 * The rungs of Reaper's escalation ladder, climbed in this order once a test passes its deadline.
 * Each rung is given the configured grace ({@code reaper.grace}) before the next is tried, and the
 * climb stops as soon as the test's thread has finished.
 *
 * <p>Rungs are named in the configuration parameter {@code reaper.ladder}, case-insensitively
 * ({@code reaper.ladder = interrupt, flag, stop, kill}), in {@link Reaper#ladder()} for a class or method,
 * and read from a failure:
 *
 * <pre>{@code
 * @Reaper(timeout = "5 s", ladder = {Rung.INTERRUPT, Rung.STOP})   // skip the flag, never a zombie's kill
 * class QueueTest { ... }
 *
 * hung.stoppedBy()   // Optional[INTERRUPT]
 * }</pre>
 */
public enum Rung {

    /** {@link Thread#interrupt()}, repeated within the grace. */
    INTERRUPT,

    /** The cooperative stop flag: {@link Deadline#isStopRequested()} turns true. */
    FLAG,

    /** An asynchronous {@link TestStoppedError} thrown into the hung thread (JVMTI {@code StopThread}). */
    STOP,

    /**
     * The last resort. In thread isolation the thread is abandoned as a zombie and
     * {@code reaper.zombies} decides what happens to the rest of the run.
     */
    KILL;

    /** The name used in configuration and messages, e.g. {@code "interrupt"}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
