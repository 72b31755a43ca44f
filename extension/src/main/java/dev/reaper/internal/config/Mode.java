package dev.reaper.internal.config;

/** {@code reaper.mode}: whether Reaper guards tests at all. */
public enum Mode {
    ENABLED,
    DISABLED,
    /**
     * Disabled while a debugger agent (JDWP) is in the JVM: a developer stepping through a test must not have it
     * killed.
     */
    DISABLED_ON_DEBUG
}
