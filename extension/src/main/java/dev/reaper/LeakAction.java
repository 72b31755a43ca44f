package dev.reaper;

import java.util.Locale;

/**
 * What Reaper does about the threads, virtual threads and processes a test (or a class's
 * {@code @BeforeAll}) leaves running: the configuration parameter {@code reaper.leaks} ({@code off},
 * {@code warn}, {@code fail}, {@code stop}) for the whole run, or {@link Reaper#leaks()} for a class or
 * method.
 *
 * <pre>{@code
 * @Reaper(leaks = LeakAction.FAIL)        // this class must clean up after itself
 * class ConnectionPoolTest {
 *
 *     @Test
 *     @Reaper(leaks = LeakAction.OFF)     // starts the shared server the later tests use
 *     void startsTheServer() { ... }
 * }
 * }</pre>
 */
public enum LeakAction {

    /** Use the enclosing annotation's value, else {@code reaper.leaks}, else {@link #WARN}. */
    INFERRED,

    /** No leak detection at all: not even the per-test snapshot is taken. */
    OFF,

    /** Report each leak (standard error and a JUnit report entry); the test's result is unchanged. */
    WARN,

    /** The test fails with a {@link LeakedThreadsException} listing each leak. */
    FAIL,

    /** Fail, and stop each leaked thread (interrupt, then stop) and kill each leaked process. */
    STOP;

    /** The name used in configuration and messages, e.g. {@code "warn"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
