package dev.reaper.internal.config;

import java.util.List;

/** Every configuration parameter Reaper reads. A {@code reaper.*} key not listed here is a typo. */
public final class ConfigKeys {

    public static final String TIMEOUT_DEFAULT = "reaper.timeout.default";
    public static final String LIFECYCLE_TIMEOUT_DEFAULT = "reaper.timeout.lifecycle.default";
    public static final String TIMEOUT_OVERRIDES = "reaper.timeout.overrides";
    public static final String GRACE = "reaper.grace";
    public static final String LADDER = "reaper.ladder";
    public static final String MODE = "reaper.mode";
    public static final String ZOMBIES = "reaper.zombies";
    public static final String ISOLATION_DEFAULT = "reaper.isolation.default";
    public static final String FORK_WORKERS = "reaper.fork.workers";
    public static final String FORK_REUSE = "reaper.fork.reuse";
    public static final String FORK_JVM_ARGS = "reaper.fork.jvmArgs";
    public static final String FORK_CDS = "reaper.fork.cds";
    public static final String LEAKS = "reaper.leaks";
    public static final String LEAKS_LINGER = "reaper.leaks.linger";
    public static final String LEAKS_IGNORE = "reaper.leaks.ignore";
    public static final String RUN_TIMEOUT = "reaper.run.timeout";
    public static final String RUN_STALL = "reaper.run.stall";
    public static final String REPORT_DIR = "reaper.report.dir";
    public static final String SLOW = "reaper.slow";

    static final String PREFIX = "reaper.";

    public static final List<String> ALL = List.of(TIMEOUT_DEFAULT, LIFECYCLE_TIMEOUT_DEFAULT, TIMEOUT_OVERRIDES,
            GRACE, LADDER, MODE, ZOMBIES, ISOLATION_DEFAULT, FORK_WORKERS, FORK_REUSE, FORK_JVM_ARGS, FORK_CDS,
            LEAKS,
            LEAKS_LINGER, LEAKS_IGNORE, RUN_TIMEOUT, RUN_STALL, REPORT_DIR, SLOW);

    private ConfigKeys() {
    }
}
