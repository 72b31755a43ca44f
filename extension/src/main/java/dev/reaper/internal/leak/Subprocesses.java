package dev.reaper.internal.leak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import dev.reaper.internal.process.OwnProcesses;

/**
 * Child processes a test started and left running, and their descendants. Listing children or
 * descendants scans the whole process table ({@code /proc}), so it
 * happens only when the JVM's process reapers say there may be a new child; a JVM that started no
 * process recently pays nothing.
 *
 * <p>Out of reach: a grandchild whose parent has already exited is re-parented away from the JVM, and a
 * child not started through {@code ProcessBuilder} or {@code Runtime.exec} has no reaper.
 */
final class Subprocesses {

    private Subprocesses() {
    }

    /**
     * Each new child (depth 1) still running and all its running descendants (depth 2, 3, ...), snapshot
     * at once. A zombie is left out: it runs nothing, and a child killed a moment ago stays one until its
     * reaper collects it, without its command line, so it would come back as a second, unknown leak.
     */
    static List<Leak> of(Set<Long> newChildren, Origin origin, OwnProcesses own) {
        List<Leak> processes = new ArrayList<>();
        for (long pid : newChildren) {
            Optional<ProcessHandle> child = ProcessHandle.of(pid).filter(Subprocesses::isRunning);
            if (child.isEmpty() || own.contains(pid)) {
                continue; // gone, or a fork worker of Reaper's own
            }
            processes.add(Leak.process(child.get(), 1, origin));
            // Before anything is killed: once a parent is gone its children are no longer its descendants.
            child.get().descendants().filter(Subprocesses::isRunning)
                    .forEach(descendant -> processes.add(Leak.process(descendant, depth(descendant, pid), origin)));
        }
        return processes;
    }

    /** Kills deepest first, so that no parent can respawn or outlive what it started; waits up to {@code grace}. */
    static List<Leak> kill(List<Leak> processes, Duration grace) {
        List<Leak> deepestFirst = new ArrayList<>(processes);
        deepestFirst.sort(Comparator.comparingInt(Leak::depth).reversed());
        for (Leak leak : deepestFirst) {
            leak.process().destroyForcibly();
        }
        long until = System.nanoTime() + grace.toNanos();
        List<Leak> outcomes = new ArrayList<>();
        for (Leak leak : processes) {
            while (isRunning(leak.process()) && System.nanoTime() < until) {
                LockSupport.parkNanos(5_000_000);
            }
            outcomes.add(leak.withOutcome(isRunning(leak.process()) ? "still running after a forced kill"
                    : "killed"));
        }
        return outcomes;
    }

    /**
     * Alive and not a zombie. A killed grandchild whose parent died first is a zombie until its new
     * parent reaps it, which took over a second here; {@code isAlive()} counts it, but it runs nothing.
     * On Linux the state letter in {@code /proc/<pid>/stat} tells; elsewhere {@code isAlive()} decides.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int endOfName = stat.lastIndexOf(')');
            char state = endOfName > 0 && endOfName + 2 < stat.length() ? stat.charAt(endOfName + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noProcFileSystem) {
            return process.isAlive();
        }
    }

    private static int depth(ProcessHandle process, long childPid) {
        int depth = 1;
        for (Optional<ProcessHandle> parent = process.parent(); parent.isPresent() && depth < 64;
                parent = parent.get().parent()) {
            depth++;
            if (parent.get().pid() == childPid) {
                return depth;
            }
        }
        return depth;
    }

    /** What a report shows of a process: its command line, else its command, else nothing known. */
    static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(info::command).orElse("(command line unknown)");
    }
}
