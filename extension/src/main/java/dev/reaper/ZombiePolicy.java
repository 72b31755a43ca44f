package dev.reaper;

import java.util.Locale;

/**
 * What follows when a thread-isolated test could not be stopped by any rung of the ladder, and so
 * holds the JUnit thread it runs on (a zombie): the configuration parameter {@code reaper.zombies}
 * ({@code halt}, {@code continue}, {@code fail-remaining}) for the whole run, or
 * {@link Reaper#zombies()} for a class or method.
 *
 * <pre>{@code
 * @Reaper(timeout = "10 s", zombies = ZombiePolicy.CONTINUE)   // keep the JVM for a look with jstack
 * class LegacyLockTest { ... }
 * }</pre>
 *
 * <p>In fork isolation the {@code kill} rung ends the worker instead, so there is no zombie to decide
 * about unless the ladder has no {@code kill}.
 */
public enum ZombiePolicy {

    /**
     * Use the enclosing annotation's value, else the configuration parameter {@code reaper.zombies},
     * else {@link #HALT}.
     */
    INFERRED,

    /** Report the zombie and leave the JVM as it is: tests on other threads go on. */
    CONTINUE,

    /**
     * As {@link #CONTINUE}, but tests with this policy that start afterwards fail at once with a
     * {@link ZombieException} naming the zombie.
     */
    FAIL_REMAINING,

    /** Write everything, then end the JVM with status 70 at once, so that the build fails in seconds. */
    HALT;

    /** The name used in configuration and messages, e.g. {@code "fail-remaining"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
