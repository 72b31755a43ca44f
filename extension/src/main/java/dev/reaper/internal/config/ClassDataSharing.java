package dev.reaper.internal.config;

/** {@code reaper.fork.cds}: whether worker JVMs start from a class-data-sharing archive of their class path. */
public enum ClassDataSharing {
    /**
     * Use the archive for this JDK, class path and JVM options when there is one, and create it in the
     * background when there is not; nothing where the JDK cannot (or a JVM option such as an agent or
     * {@code -Xshare} already decides).
     */
    AUTO,
    /** Workers start as plain JVMs; no archive is read or written. */
    OFF
}
