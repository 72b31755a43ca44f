package dev.reaper.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code reaper.timeout.overrides}: test timeouts by class and method name, for tests that cannot be
 * annotated. The first matching entry wins, so specific entries go before broad ones.
 */
public final class TimeoutOverrides {

    static final TimeoutOverrides NONE = new TimeoutOverrides(List.of());

    private final List<TimeoutOverride> entries;

    TimeoutOverrides(List<TimeoutOverride> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param className  the test class's binary name
     * @param methodName the test method's name; empty for a class
     */
    Optional<Duration> timeoutOf(String className, Optional<String> methodName) {
        return entries.stream()
                .filter(entry -> entry.matches(className, methodName))
                .findFirst()
                .map(TimeoutOverride::timeout);
    }

    List<TimeoutOverride> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
