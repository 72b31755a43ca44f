package dev.reaper.internal.config;

/** {@code reaper.zombies}: what follows when a thread-isolated test could not be stopped. */
public enum ZombiePolicy {
    /** Report the zombie and run the remaining tests. */
    CONTINUE,
    /** Later tests in this JVM fail at once, naming the zombie, instead of running beside it. */
    FAIL_REMAINING,
    /** Write everything, then end the JVM with a non-zero status. */
    HALT;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
