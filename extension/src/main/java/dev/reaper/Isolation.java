package dev.reaper;

/**
 * Where a test runs while Reaper guards it.
 *
 * <pre>{@code
 * @Reaper(timeout = "10 s", isolation = Isolation.THREAD)
 * class CheckoutTest { ... }
 * }</pre>
 */
public enum Isolation {

    /**
     * Use the enclosing annotation's value, else the configuration parameter
     * {@code reaper.isolation.default}, else {@link #THREAD}.
     */
    INFERRED,

    /**
     * On a Reaper-owned thread in this JVM. {@code @BeforeEach}, the test and {@code @AfterEach} share
     * that thread, so thread-locals set up before the test are visible in it.
     */
    THREAD,

    /** In a worker JVM that can be killed. Not available yet: rejected with a clear error. */
    FORK
}
