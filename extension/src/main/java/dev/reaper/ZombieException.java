package dev.reaper;

import org.junit.platform.commons.JUnitException;

/**
 * The failure of a test that Reaper did not run because an earlier test of the same JVM could not be
 * stopped and still holds its thread (a zombie), with {@code reaper.zombies = fail-remaining} or
 * {@code @Reaper(zombies = ZombiePolicy.FAIL_REMAINING)}. The message names the zombie, its thread and
 * that thread's state; the zombie's own failure is the {@link HungTestException} that says why it could
 * not be stopped.
 *
 * <pre>{@code
 * @Reaper(timeout = "1 s", zombies = ZombiePolicy.FAIL_REMAINING)
 * class LockTest {
 *
 *     @Test
 *     void deadlocks() { ... }   // a synchronized deadlock: HungTestException, a zombie
 *
 *     @Test
 *     void later() { ... }       // not run: ZombieException "Reaper did not run LockTest.later(): ..."
 * }
 * }</pre>
 */
public final class ZombieException extends JUnitException {

    private static final long serialVersionUID = 1L;

    ZombieException(String message) {
        super(message);
    }
}
