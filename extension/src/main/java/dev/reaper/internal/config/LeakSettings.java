package dev.reaper.internal.config;

import java.time.Duration;
import java.util.List;

import dev.reaper.LeakAction;

/**
 * The run-wide leak settings.
 *
 * @param action {@code reaper.leaks}
 * @param linger {@code reaper.leaks.linger}: how long a leaked thread or process may take to end by itself
 * @param ignore {@code reaper.leaks.ignore}: name patterns never reported, on top of the JVM's and the
 *               test tools' own threads
 */
public record LeakSettings(LeakAction action, Duration linger, List<String> ignore) {

    public static final LeakAction DEFAULT_ACTION = LeakAction.WARN;
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);
    public static final LeakSettings DEFAULT = new LeakSettings(DEFAULT_ACTION, DEFAULT_LINGER, List.of());

    public LeakSettings {
        ignore = List.copyOf(ignore);
    }
}
