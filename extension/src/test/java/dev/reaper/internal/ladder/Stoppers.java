package dev.reaper.internal.ladder;

import java.util.Optional;

/** For tests outside this package: which stopper the stop rung has in this JVM (and so in a worker JVM like it). */
public final class Stoppers {

    private Stoppers() {
    }

    /** Why the JVMTI stopper, which throws Reaper's own error rather than {@link ThreadDeath}, is unavailable. */
    public static Optional<String> jvmtiUnavailableReason() {
        return new JvmtiThreadStopper().unavailableReason();
    }
}
