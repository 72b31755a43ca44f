package dev.reaper.internal.config;

import java.util.Locale;

/** {@code reaper.leaks}: what Reaper does about threads and processes a test leaves running. */
public enum LeakAction {
    /** No leak detection at all: not even the per-test snapshot is taken. */
    OFF,
    /** Report each leak (standard error and a JUnit report entry); the test's result is unchanged. */
    WARN,
    /** The test fails with a {@link dev.reaper.LeakedThreadsException} listing each leak. */
    FAIL,
    /** Fail, and stop each leaked thread (interrupt, then stop) and kill each leaked process. */
    STOP;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
