package dev.reaper.internal.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes Reaper itself starts (fork workers), which are nobody's leak. */
public final class OwnProcesses {

    private static final Set<Long> PIDS = ConcurrentHashMap.newKeySet();

    private OwnProcesses() {
    }

    public static void add(long pid) {
        PIDS.add(pid);
    }

    public static boolean contains(long pid) {
        return PIDS.contains(pid);
    }
}
