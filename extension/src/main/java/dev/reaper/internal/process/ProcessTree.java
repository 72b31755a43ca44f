package dev.reaper.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kills a process with everything it started.
 *
 * <p>Order matters: once a process dies its children are re-parented (to init or a subreaper) and no
 * longer show up in {@code descendants()} of anything we hold, so the tree is snapshotted before the
 * first kill. The snapshot is repeated after the kills, because a process still alive while its
 * children were being killed may have started new ones.
 *
 * <p>"Exited" here includes zombies: a killed process whose parent has not reaped it yet still has a
 * {@code /proc} entry, and {@link ProcessHandle#isAlive()} calls it alive. Orphans are reaped by init,
 * which can take seconds or never happen in a container whose PID 1 does not reap. A zombie runs no code and holds no resources but its pid, so
 * for a hung-test report it is gone.
 */
public final class ProcessTree {

    /** Rounds of snapshot-and-kill: a forking process could refill its tree while we kill it. */
    private static final int ROUNDS = 3;
    private static final long POLL_MILLIS = 10;

    private ProcessTree() {
    }

    /**
     * Snapshots root's descendants first, kills them deepest first and root last, and waits up to
     * {@code wait} (in total) for all of them to exit. Never throws for a process that is already gone.
     *
     * @return one line per process it killed, root last: {@code pid 123: /usr/bin/sleep 600}, with
     *         {@code (still running after PT5S)} or {@code (could not be killed)} appended where that happened
     */
    public static List<String> kill(ProcessHandle root, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Map<ProcessHandle, String> killed = killDescendantsOnly(root);
        if (root.pid() != ProcessHandle.current().pid()) { // destroyForcibly() refuses the current process
            killed.put(root, destroy(root, describe(root)));
        }
        return awaitExit(killed, deadline, wait);
    }

    /**
     * Kills root's descendants (not root itself), deepest first, and waits up to {@code wait} for them.
     * For a JVM ending itself ({@code ParentWatch}): {@code destroyForcibly()} refuses the current process.
     */
    public static List<String> killDescendants(ProcessHandle root, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        return awaitExit(killDescendantsOnly(root), deadline, wait);
    }

    /**
     * Whether the process still runs: alive and not a zombie. See the class comment for why a zombie
     * counts as exited. The zombie check reads {@code /proc/<pid>/stat} and applies on Linux only.
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        char state = linuxState(process.pid());
        return state != 'Z' && state != 'X';
    }

    private static Map<ProcessHandle, String> killDescendantsOnly(ProcessHandle root) {
        Map<ProcessHandle, String> killed = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> fresh = deepestFirst(root);
            fresh.removeIf(killed::containsKey);
            if (fresh.isEmpty()) {
                break;
            }
            // Describe all before killing any: a dead process's command line is gone with it.
            Map<ProcessHandle, String> descriptions = new LinkedHashMap<>();
            fresh.forEach(process -> descriptions.put(process, describe(process)));
            descriptions.forEach((process, description) -> killed.put(process, destroy(process, description)));
        }
        return killed;
    }

    /** One /proc scan ({@code descendants()}), then each one's depth from its parent chain within the snapshot. */
    private static List<ProcessHandle> deepestFirst(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        Map<Long, Long> parents = new HashMap<>();
        for (ProcessHandle process : all) {
            process.parent().ifPresent(parent -> parents.put(process.pid(), parent.pid()));
        }
        Map<Long, Integer> depths = new HashMap<>();
        for (ProcessHandle process : all) {
            int depth = 1;
            Long parent = parents.get(process.pid());
            while (parent != null && parent != root.pid() && depth <= all.size()) {
                depth++;
                parent = parents.get(parent);
            }
            depths.put(process.pid(), depth);
        }
        all.sort(Comparator.comparingInt((ProcessHandle process) -> depths.get(process.pid())).reversed());
        return all;
    }

    private static String destroy(ProcessHandle process, String description) {
        if (!process.isAlive()) {
            return description + " (had already exited)";
        }
        // SIGKILL: a hung process's shutdown hooks may hang too, and SIGTERM waits for them.
        return process.destroyForcibly() || !process.isAlive() ? description : description + " (could not be killed)";
    }

    /**
     * Polls rather than {@code onExit()}: for a process that is not our child, the JDK polls with a
     * sleep that starts at 300 ms and grows, and it waits for zombies to be reaped as well.
     */
    private static List<String> awaitExit(Map<ProcessHandle, String> killed, long deadline, Duration wait) {
        // The wait is bounded anyway; an interrupt (pending from whoever called, or arriving now) must
        // not turn a kill that is taking a few milliseconds into "still running". It is kept for later.
        boolean interrupted = Thread.interrupted();
        List<String> report = new ArrayList<>(killed.size());
        for (Map.Entry<ProcessHandle, String> entry : killed.entrySet()) {
            while (isRunning(entry.getKey()) && System.nanoTime() < deadline) {
                interrupted |= !sleep();
            }
            report.add(isRunning(entry.getKey()) ? entry.getValue() + " (still running after " + wait + ")"
                    : entry.getValue());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    /** Command lines longer than this (a JVM's class path) keep their start and their end (the main class). */
    static final int MAX_COMMAND_LINE = 400;

    static String describe(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        String commandLine = info.commandLine().or(info::command).orElse("(command line unknown)");
        if (commandLine.length() > MAX_COMMAND_LINE) {
            commandLine = commandLine.substring(0, 150) + " [...] " + commandLine.substring(commandLine.length() - 200);
        }
        return "pid " + process.pid() + ": " + commandLine;
    }

    /** The state letter of {@code /proc/<pid>/stat} (R, S, D, Z, ...), or '?' where there is none. */
    private static char linuxState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int afterName = stat.lastIndexOf(')'); // the name in parentheses may itself contain spaces and ')'
            return afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
        } catch (IOException | RuntimeException e) {
            return '?'; // not Linux, or the process is gone: isAlive() decides
        }
    }

    /** False when interrupted (the flag is then clear: the caller restores it once done waiting). */
    private static boolean sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
