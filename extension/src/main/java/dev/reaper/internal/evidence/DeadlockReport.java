package dev.reaper.internal.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Turns the JVM's flat list of deadlocked thread ids into readable cycles. The JVM only says which
 * threads are deadlocked; the cycles come from following each thread's lock owner in the same dump
 * (every thread waits for at most one lock, so this is a walk along single links, linear in the
 * number of threads). The same walk finds the threads stuck behind a cycle, e.g. a test thread
 * waiting on a lock held by one of two deadlocked workers: the JVM does not report those, yet they
 * will never move either.
 */
final class DeadlockReport {

    private static final String INDENT = "  ";

    private final Set<Long> inCycle = new HashSet<>();
    private final List<List<ThreadRecord>> cycles = new ArrayList<>();
    private final List<List<ThreadRecord>> waitingOn = new ArrayList<>(); // per cycle
    private final Map<Long, Integer> cycleOf = new HashMap<>(); // -1: leads to no cycle
    private final Map<Long, ThreadRecord> byId = new HashMap<>();
    private final Set<Long> reported = new HashSet<>();
    private final long[] deadlocked;

    /**
     * @param deadlocked the ids from {@code findDeadlockedThreads} (null or empty: none)
     * @param threads    every thread of the same sample
     */
    DeadlockReport(long[] deadlocked, List<ThreadRecord> threads) {
        this.deadlocked = deadlocked == null ? new long[0] : deadlocked.clone();
        if (this.deadlocked.length == 0) {
            return;
        }
        for (ThreadRecord thread : threads) {
            byId.put(thread.id(), thread);
        }
        for (long id : deadlocked) {
            reported.add(id);
        }
        // Reported threads first, so cycles are found from them; then everyone else, to find who waits.
        for (long id : deadlocked) {
            walk(id);
        }
        for (ThreadRecord thread : threads) {
            walk(thread.id());
        }
    }

    /**
     * The threads the JVM found in a deadlock cycle: its verdict, which holds even when the dump had
     * no lock owners to draw the cycle with. (HotSpot does not include threads merely waiting on one.)
     */
    Set<Long> deadlockedIds() {
        return Set.copyOf(reported);
    }

    /**
     * Only the cycles that thread {@code id} is in or waits on: a failure names its own deadlock, not one
     * that an earlier test left behind in this JVM.
     */
    Optional<String> textFor(long id) {
        if (reported.contains(id) && !inCycle.contains(id)) {
            return text(); // the JVM's verdict without a drawable cycle: everything there is to say
        }
        StringBuilder out = cycles(i -> contains(cycles.get(i), id) || contains(waitingOn.get(i), id));
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
    }

    private static boolean contains(List<ThreadRecord> threads, long id) {
        return threads.stream().anyMatch(thread -> thread.id() == id);
    }

    private StringBuilder cycles(IntPredicate include) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cycles.size(); i++) {
            if (!include.test(i)) {
                continue;
            }
            List<ThreadRecord> cycle = cycles.get(i);
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("Deadlock (").append(cycle.size()).append(" threads):\n");
            cycle.forEach(thread -> appendLine(out, INDENT, thread));
            List<ThreadRecord> waiting = waitingOn.get(i);
            if (!waiting.isEmpty()) {
                out.append(INDENT).append("Waiting on this deadlock (").append(waiting.size())
                        .append(waiting.size() == 1 ? " thread" : " threads").append("):\n");
                waiting.forEach(thread -> appendLine(out, INDENT + INDENT, thread));
            }
        }
        return out;
    }

    /** One paragraph per cycle, with the threads waiting on it; empty when there is no deadlock. */
    Optional<String> text() {
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = cycles(i -> true);
        // Threads the JVM called deadlocked but whose cycle this sample cannot show: lock owners were
        // unavailable (degraded dump), or a thread ended or was woken between the two calls.
        StringBuilder unexplained = new StringBuilder();
        for (long id : deadlocked) {
            if (!inCycle.contains(id)) {
                ThreadRecord thread = byId.get(id);
                if (thread == null) {
                    unexplained.append(INDENT).append('#').append(id).append(" (no longer in the thread list)\n");
                } else {
                    appendLine(unexplained, INDENT, thread);
                }
            }
        }
        if (unexplained.length() > 0) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("Reported deadlocked by the JVM, cycle not resolved from the lock owners at hand:\n")
                    .append(unexplained);
        }
        return Optional.of(out.toString());
    }

    private static void appendLine(StringBuilder out, String indent, ThreadRecord thread) {
        out.append(indent).append(thread.nameAndId()).append(" is ").append(thread.stateAndLock()).append('\n');
        StackTraceElement frame = thread.firstApplicationFrame();
        if (frame != null) {
            out.append(indent).append("    at ").append(frame).append('\n');
        }
    }

    /** Follows lock owners from {@code start} until a known thread, a thread waiting for no one, or a loop. */
    private void walk(long start) {
        if (cycleOf.containsKey(start)) {
            return;
        }
        List<ThreadRecord> path = new ArrayList<>();
        Map<Long, Integer> positionOnPath = new HashMap<>();
        long current = start;
        int result;
        while (true) {
            ThreadRecord thread = byId.get(current);
            if (thread == null) { // -1: waits for no owned lock; or a thread not in the sample
                result = -1;
                break;
            }
            Integer known = cycleOf.get(current);
            if (known != null) {
                result = known;
                break;
            }
            Integer loopStart = positionOnPath.get(current);
            if (loopStart != null) {
                List<ThreadRecord> loop = path.subList(loopStart, path.size());
                // Only loops the JVM confirms: it excludes self-loops and timed waits that will end.
                if (loop.size() > 1 && loop.stream().allMatch(member -> reported.contains(member.id()))) {
                    result = cycles.size();
                    cycles.add(List.copyOf(loop));
                    waitingOn.add(new ArrayList<>());
                    for (ThreadRecord member : loop) {
                        cycleOf.put(member.id(), result);
                        inCycle.add(member.id());
                    }
                    path = path.subList(0, loopStart);
                } else {
                    result = -1;
                }
                break;
            }
            positionOnPath.put(current, path.size());
            path.add(thread);
            current = thread.lockOwnerId();
        }
        for (ThreadRecord thread : path) {
            cycleOf.putIfAbsent(thread.id(), result);
            if (result >= 0) {
                waitingOn.get(result).add(thread);
            }
        }
    }
}
