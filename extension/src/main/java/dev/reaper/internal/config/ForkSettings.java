package dev.reaper.internal.config;

import java.util.List;

/**
 * Settings of fork isolation.
 *
 * @param workers    {@code reaper.fork.workers}: warm workers kept idle (more start under parallel execution)
 * @param reuse      {@code reaper.fork.reuse}: whether a worker runs more than one test
 * @param jvmOptions {@code reaper.fork.jvmArgs}: extra options for worker JVMs
 * @param cds        {@code reaper.fork.cds}: whether workers start from a class-data-sharing archive
 */
public record ForkSettings(int workers, boolean reuse, List<String> jvmOptions, ClassDataSharing cds) {

    static final ForkSettings DEFAULT = new ForkSettings(1, true, List.of(), ClassDataSharing.AUTO);
}
