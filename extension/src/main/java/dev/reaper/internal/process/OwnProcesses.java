package dev.reaper.internal.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes Reaper itself started for a run (its fork workers) that are still running: nobody's leak.
 * A pid is forgotten once its process has exited, so that an unrelated process the operating system later
 * gives the same pid is a leak like any other.
 */
public final class OwnProcesses {

    private final Map<Long, ProcessHandle> running = new ConcurrentHashMap<>();

    public OwnProcesses() {
    }

    /** A process Reaper started: known as its own until it exits. */
    public void add(Process process) {
        ProcessHandle handle = process.toHandle();
        long pid = handle.pid();
        running.put(pid, handle);
        // Only this process's entry: a later one with the same pid may have been added since.
        process.onExit().thenRun(() -> running.remove(pid, handle));
    }

    /** Whether {@code pid} is a process Reaper started that has not exited yet. */
    public boolean contains(long pid) {
        return running.containsKey(pid);
    }
}
