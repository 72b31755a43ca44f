package dev.reaper.internal.config;

import java.util.List;

/**
 * Settings of fork isolation.
 *
 * @param workers    {@code reaper.fork.workers}: warm workers kept idle (more start under parallel execution)
 * @param reuse      {@code reaper.fork.reuse}: whether a worker runs more than one test
 * @param jvmOptions {@code reaper.fork.jvmArgs}: extra options for worker JVMs
 */
public record ForkSettings(int workers, boolean reuse, List<String> jvmOptions) {

    static final ForkSettings DEFAULT = new ForkSettings(1, true, List.of());
}
