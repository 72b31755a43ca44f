package dev.reaper.internal.config;

import java.time.Duration;
import java.util.List;

import dev.reaper.Isolation;
import dev.reaper.Rung;
import dev.reaper.ZombiePolicy;

/**
 * Everything Reaper needs to guard one invocation, resolved from annotations and settings.
 *
 * @param timeout time the invocation may take
 * @param grace   time each rung is given
 * @param ladder  the rungs to climb, in order
 * @param zombies   what follows when the invocation cannot be stopped
 * @param isolation where it runs
 * @param leaks   what is done about the threads and processes it leaves running
 */
public record Policy(Duration timeout, Duration grace, List<Rung> ladder, ZombiePolicy zombies,
        Isolation isolation,
        LeakPolicy leaks) {
}
