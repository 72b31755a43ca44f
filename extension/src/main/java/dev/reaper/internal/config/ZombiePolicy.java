package dev.reaper.internal.config;

/**
 * {@code reaper.zombies}: what follows when a thread-isolated test could not be stopped, and so holds
 * the JUnit thread it runs on.
 */
public enum ZombiePolicy {
    /** Report the zombie and leave the JVM as it is: tests on other threads go on. */
    CONTINUE,
    /** As {@link #CONTINUE}, but later tests in this JVM fail at once, naming the zombie. */
    FAIL_REMAINING,
    /** Write everything, then end the JVM with a non-zero status at once. */
    HALT;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
