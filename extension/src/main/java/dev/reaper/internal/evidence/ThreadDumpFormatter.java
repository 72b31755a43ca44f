package dev.reaper.internal.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the thread dump text, in the shape of {@code jstack} so that it reads familiarly. Written by
 * hand because {@code ThreadInfo.toString()} cuts every stack at 8 frames, and a hung test's
 * interesting frame (the test method) is usually deeper than that.
 */
final class ThreadDumpFormatter {

    private ThreadDumpFormatter() {}

    static String format(ThreadRecord hung, List<ThreadRecord> others, List<String> notes, Instant at,
            long captureNanos) {
        StringBuilder out = new StringBuilder(4096 + 1024 * others.size());
        out.append("Thread dump at ").append(at).append(": ").append(others.size() + 1)
                .append(" threads, the hung thread first (captured in ")
                // Not String.format: loading Formatter is a cost of its own in a cold JVM, paid at a deadline.
                .append(captureNanos / 1_000_000).append('.').append(captureNanos / 100_000 % 10)
                .append(" ms)\n");
        for (String note : notes) {
            out.append("Note: ").append(note).append('\n');
        }
        appendThread(out.append('\n'), hung);
        for (ThreadRecord thread : others) {
            appendThread(out.append('\n'), thread);
        }
        return out.toString();
    }

    /** Every thread in the JVM's order, when no one thread is the hung one (the run watchdog's dump). */
    static String formatAll(List<ThreadRecord> threads, List<String> notes, Instant at, long captureNanos) {
        StringBuilder out = new StringBuilder(4096 + 1024 * threads.size());
        out.append("Thread dump at ").append(at).append(": ").append(threads.size())
                .append(" threads (captured in ").append(captureNanos / 1_000_000).append('.')
                .append(captureNanos / 100_000 % 10).append(" ms)\n");
        for (String note : notes) {
            out.append("Note: ").append(note).append('\n');
        }
        for (ThreadRecord thread : threads) {
            appendThread(out.append('\n'), thread);
        }
        return out.toString();
    }

    static void appendThread(StringBuilder out, ThreadRecord thread) {
        out.append(thread.header()).append('\n');
        StackTraceElement[] stack = thread.stack();
        // Monitors sorted by the frame that locked them, so each "- locked" line lands under its frame
        // in one pass over the stack.
        Map<Integer, List<String>> lockedAt = new HashMap<>();
        List<String> lockedOutsideJava = new ArrayList<>();
        for (ThreadRecord.LockedMonitor monitor : thread.lockedMonitors()) {
            if (monitor.depth() >= 0 && monitor.depth() < stack.length) {
                lockedAt.computeIfAbsent(monitor.depth(), depth -> new ArrayList<>()).add(monitor.lock());
            } else {
                lockedOutsideJava.add(monitor.lock());
            }
        }
        for (int depth = 0; depth < stack.length; depth++) {
            out.append("\tat ").append(stack[depth]).append('\n');
            if (depth == 0 && thread.lockName() != null) {
                out.append("\t- ").append(waitVerb(thread)).append(' ').append(thread.lockName());
                if (thread.lockOwnerId() >= 0) {
                    out.append(" owned by \"").append(thread.lockOwnerName()).append("\" #")
                            .append(thread.lockOwnerId());
                }
                out.append('\n');
            }
            for (String lock : lockedAt.getOrDefault(depth, List.of())) {
                out.append("\t- locked ").append(lock).append('\n');
            }
        }
        for (String lock : lockedOutsideJava) {
            out.append("\t- locked ").append(lock).append(" (by native code)\n"); // JNI MonitorEnter: depth -1
        }
        if (!thread.lockedSynchronizers().isEmpty()) {
            out.append("\n\tLocked ownable synchronizers:\n");
            for (String synchronizer : thread.lockedSynchronizers()) {
                out.append("\t- ").append(synchronizer).append('\n');
            }
        }
    }

    /** jstack's wording: which kind of wait the top frame is in. */
    private static String waitVerb(ThreadRecord thread) {
        if (thread.state() == Thread.State.BLOCKED) {
            return "waiting to lock"; // entering a synchronized block or method
        }
        StackTraceElement top = thread.stack()[0];
        return top.getMethodName().equals("park") ? "parking to wait for" : "waiting on";
    }
}
