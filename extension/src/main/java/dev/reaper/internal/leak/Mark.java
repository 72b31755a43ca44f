package dev.reaper.internal.leak;

import java.util.HashSet;
import java.util.Set;

/**
 * What the world looked like when a test (or class) began, kept as small as possible: the thread id
 * mark, the children the JVM had then (from its busy process reapers, no process-table scan), and the
 * overlap window.
 *
 * @param threadIds   every thread created after this began has a larger id
 * @param childPids   child processes alive when this began
 * @param window      open until the scan is done
 */
record Mark(long threadIds, Set<Long> childPids, Overlaps.Window window) {

    static Mark take(String uniqueId) {
        Overlaps.Window window = Overlaps.open(uniqueId);
        long ids = ThreadIds.mark();
        // Names only: a child whose reaper has not renamed itself yet was found by the previous scan,
        // which lists children the expensive way while an idle-named reaper exists, and is claimed.
        Set<Long> children = Set.of();
        for (Thread thread : PlatformThreads.all()) {
            long pid = PlatformThreads.childPidOf(thread);
            if (pid > 0) {
                if (children.isEmpty()) {
                    children = new HashSet<>();
                }
                children.add(pid);
            }
        }
        return new Mark(ids, children, window);
    }
}
