package dev.reaper.internal.config;

import java.util.List;

/**
 * Settings of fork isolation.
 *
 * @param workers    {@code reaper.fork.workers}: worker JVMs running fork-isolated classes at once
 * @param reuse      {@code reaper.fork.reuse}: whether a worker runs more than one class
 * @param jvmOptions {@code reaper.fork.jvmArgs}: extra options for worker JVMs
 * @param cds        {@code reaper.fork.cds}: whether workers start from a class-data-sharing archive
 */
public record ForkSettings(int workers, boolean reuse, List<String> jvmOptions, ClassDataSharing cds) {

    static final ForkSettings DEFAULT = new ForkSettings(defaultWorkers(), true, List.of(), ClassDataSharing.AUTO);

    /** Half the processors: the test JVM and the build share the rest. */
    static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
