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
     * In this JVM, on the thread JUnit runs it on, while Reaper watches its deadline from another; the
     * ladder (interrupt, flag, stop) acts on that thread. {@code @BeforeEach}, the test and
     * {@code @AfterEach} share the thread, so thread-locals set up before the test are visible in it.
     */
    THREAD,

    /**
     * In a worker JVM that Reaper can kill: the class runs there as a whole (constructor,
     * {@code @BeforeAll}, every test, {@code @AfterAll}), each test under the thread ladder, and the
     * {@code kill} rung (in the default ladder) ends the worker, with what it started, when that ladder
     * cannot end a test; the class goes on in a fresh worker.
     */
    FORK
}
