package dev.reaper.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.reaper.LeakAction;

/**
 * What Reaper does about the leaks of one test or class.
 *
 * @param action  {@code reaper.leaks}
 * @param linger  {@code reaper.leaks.linger}
 * @param ignore  {@code reaper.leaks.ignore}: patterns never reported, for any test
 * @param allowed {@code @Reaper(allowLeaks)} of the test, its class and enclosing classes together:
 *                patterns this test may leave running; claimed for it, so never blamed on its class either
 */
public record LeakPolicy(LeakAction action, Duration linger, List<String> ignore, List<String> allowed) {

    public LeakPolicy {
        ignore = List.copyOf(ignore);
        allowed = List.copyOf(allowed);
    }

    /** @param action the closest annotation's (or registration's) {@code leaks}, else {@code reaper.leaks} */
    static LeakPolicy of(LeakSettings settings, Optional<LeakAction> action, List<String> allowed) {
        return new LeakPolicy(action.orElse(settings.action()), settings.linger(), settings.ignore(), allowed);
    }
}
