package dev.reaper.internal.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every thread at the deadline plus the JVM's deadlock verdict, and notes on whatever the JVM could
 * not tell us. Kept apart from {@link ThreadSampler} on purpose: this class must not touch
 * {@code java.lang.management}, so that it still works as the fallback when that module is missing
 * from a trimmed runtime and loading {@code ThreadSampler} fails with a {@link LinkageError}.
 *
 * @param threads    the live platform threads, in the JVM's order
 * @param deadlocked ids the JVM reported as deadlocked (empty when none), or null when it could not check
 * @param notes      what is missing from this sample and why, for the reader of the dump
 */
record ThreadSample(List<ThreadRecord> threads, long[] deadlocked, List<String> notes) {

    /**
     * The degraded sample: stacks and states from {@link Thread#getAllStackTraces()}, no lock owners.
     * Never throws; at worst the sample is empty and the note says why.
     */
    static ThreadSample fromStackTraces(String reason, long[] deadlocked, List<String> notesSoFar) {
        List<String> notes = new ArrayList<>(notesSoFar);
        notes.add(reason + "; stacks are from Thread.getAllStackTraces(), without locks or lock owners");
        List<ThreadRecord> threads = new ArrayList<>();
        try {
            for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                threads.add(ThreadRecord.withoutLocks(entry.getKey(), entry.getValue()));
            }
        } catch (RuntimeException e) {
            notes.add("Thread.getAllStackTraces() failed too: " + e);
        }
        return new ThreadSample(threads, deadlocked, notes);
    }
}
