package dev.reaper.internal.evidence;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Samples every thread through {@link ThreadMXBean}: one {@code dumpAllThreads} call, so all threads
 * come from the same safepoint and lock owners agree with each other. Asks only for what the JVM
 * supports and falls back to {@link ThreadSample#fromStackTraces} when the dump itself fails.
 */
final class ThreadSampler {

    private ThreadSampler() {}

    /** The running JVM. May throw {@link LinkageError} if {@code java.management} is not in the runtime. */
    static ThreadSample platform() {
        return sample(ManagementFactory.getThreadMXBean());
    }

    static ThreadSample sample(ThreadMXBean mx) {
        List<String> notes = new ArrayList<>();
        boolean monitors = supported(mx::isObjectMonitorUsageSupported);
        boolean synchronizers = supported(mx::isSynchronizerUsageSupported);
        // Before the dump: it is the cheaper call (tens of microseconds), and a deadlock it finds stays
        // in place, so the dump taken after it still shows every thread of the cycle stuck.
        long[] deadlocked = findDeadlocks(mx, synchronizers, notes);
        ThreadInfo[] infos;
        try {
            infos = mx.dumpAllThreads(monitors, synchronizers);
        } catch (RuntimeException e) {
            return ThreadSample.fromStackTraces("ThreadMXBean.dumpAllThreads failed (" + e + ")", deadlocked, notes);
        }
        if (!monitors) {
            notes.add("held monitors (\"- locked\") unavailable: this JVM does not support object monitor usage");
        }
        if (!synchronizers) {
            notes.add("held java.util.concurrent locks unavailable: this JVM does not support synchronizer usage");
        }
        List<ThreadRecord> threads = new ArrayList<>(infos.length);
        for (ThreadInfo info : infos) {
            if (info != null) { // null for a thread that ended while being dumped
                threads.add(toRecord(info));
            }
        }
        return new ThreadSample(threads, deadlocked, notes);
    }

    private static long[] findDeadlocks(ThreadMXBean mx, boolean synchronizers, List<String> notes) {
        try {
            long[] ids;
            if (synchronizers) {
                ids = mx.findDeadlockedThreads(); // monitors and ownable synchronizers
            } else {
                ids = mx.findMonitorDeadlockedThreads();
                notes.add("deadlocks on java.util.concurrent locks not checked: synchronizer usage unsupported");
            }
            return ids == null ? new long[0] : ids; // null means "none found"
        } catch (RuntimeException e) {
            notes.add("deadlock detection unavailable (" + e + ")");
            return null;
        }
    }

    private static boolean supported(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ThreadRecord toRecord(ThreadInfo info) {
        List<ThreadRecord.LockedMonitor> monitors = new ArrayList<>();
        for (MonitorInfo monitor : info.getLockedMonitors()) {
            // MonitorInfo.toString() is LockInfo's className@hexIdentityHash, the name used everywhere.
            monitors.add(new ThreadRecord.LockedMonitor(monitor.toString(), monitor.getLockedStackDepth()));
        }
        List<String> synchronizers = new ArrayList<>();
        for (LockInfo synchronizer : info.getLockedSynchronizers()) {
            synchronizers.add(synchronizer.toString());
        }
        return new ThreadRecord(info.getThreadId(), info.getThreadName(), info.isDaemon(), info.getThreadState(),
                info.isInNative(), info.isSuspended(), info.getLockName(), info.getLockOwnerId(),
                info.getLockOwnerName(), StackFrames.readable(info.getStackTrace()), List.copyOf(monitors),
                List.copyOf(synchronizers));
    }
}
