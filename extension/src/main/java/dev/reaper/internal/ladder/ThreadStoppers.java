package dev.reaper.internal.ladder;

import java.util.ArrayList;
import java.util.List;

/** Picks the {@link ThreadStopper} the stop rung uses in this JVM. */
final class ThreadStoppers {

    private ThreadStoppers() {}

    /**
     * The best stopper for this JVM, chosen once and cached. Nothing is loaded until the first call
     * (the holder class below is initialised then), so a run that never reaches the stop rung never
     * touches native code.
     *
     * <p>Order of preference:
     *
     * <ol>
     *   <li>{@link JvmtiThreadStopper JVMTI StopThread} through a small JNI library: throws the given
     *       error (Reaper's {@code TestStoppedError}) on any JDK from 17 on;
     *   <li>{@link ThreadStopMethodStopper reflective Thread.stop()} where the JDK still supports it
     *       (feature version 19 or lower). It throws {@link ThreadDeath}, <em>not</em> the error passed
     *       to {@link ThreadStopper#stop}: code that catches {@code ThreadDeath} survives it;
     *   <li>otherwise an unavailable stopper whose reason lists why each option failed.
     * </ol>
     */
    static ThreadStopper best() {
        return Best.STOPPER;
    }

    /** The first available of {@code candidates}, or an unavailable stopper saying why each failed. */
    static ThreadStopper choose(List<? extends ThreadStopper> candidates) {
        List<String> reasons = new ArrayList<>();
        for (ThreadStopper candidate : candidates) {
            var reason = candidate.unavailableReason();
            if (reason.isEmpty()) {
                return candidate;
            }
            reasons.add(candidate.name() + ": " + reason.get());
        }
        return new UnavailableStopper(reasons.isEmpty() ? "no stopper to try" : String.join("; ", reasons));
    }

    /**
     * Lazy holder, per JVM: initialised (and the native library loaded) on the first call to best(); a JNI
     * library loads once per class loader, and what it can do is the JVM's.
     */
    private static final class Best {
        static final ThreadStopper STOPPER = choose(List.of(new JvmtiThreadStopper(), new ThreadStopMethodStopper()));
    }
}
