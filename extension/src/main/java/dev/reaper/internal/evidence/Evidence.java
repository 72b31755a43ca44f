package dev.reaper.internal.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.reaper.HungTestException;

/**
 * What was true at the deadline: where the hung thread was, what every thread was doing and holding,
 * and which threads were deadlocked. Captured before anything touches the hung thread (an interrupt
 * or a stop moves it away from where it hung). Immutable.
 *
 * <p>Paid only at a deadline: most of a capture is the single {@code dumpAllThreads} with lock owners;
 * the first capture in a JVM costs more, loading {@code java.management} and warming the formatting
 * code (BENCHMARKS.md has the times).
 */
public final class Evidence {

    private final StackTraceElement[] hungStack;
    private final String hungThreadHeader;
    private final String threadDump;
    private final String deadlock; // null: none found (or detection unavailable, as the dump says)
    private final List<ThreadRecord> others;
    private final Set<Long> inDeadlockCycle; // the JVM's verdict

    private Evidence(StackTraceElement[] hungStack, String hungThreadHeader, String threadDump, String deadlock,
            List<ThreadRecord> others, Set<Long> inDeadlockCycle) {
        this.hungStack = hungStack;
        this.hungThreadHeader = hungThreadHeader;
        this.threadDump = threadDump;
        this.deadlock = deadlock;
        this.others = others;
        this.inDeadlockCycle = inDeadlockCycle;
    }

    /**
     * Captures the evidence for a hung thread. Takes {@code hung.getStackTrace()} first, before the
     * costlier dump, so the hang location is exact. Never throws (other than for a null thread): what
     * the JVM cannot provide is left out and the dump text says so.
     */
    public static Evidence capture(Thread hung) {
        return capture(hung, ThreadSampler::platform);
    }

    /** {@link #capture(Thread)} with the sampling replaceable, to test the degraded paths. */
    static Evidence capture(Thread hung, Supplier<ThreadSample> sampler) {
        Objects.requireNonNull(hung, "hung");
        long start = System.nanoTime();
        StackTraceElement[] hungStack = stackOf(hung); // first: nothing may delay the hang location
        Instant at = Instant.now(); // after: on a cold JVM this loads java.time (milliseconds)
        ThreadSample sample;
        try {
            sample = sampler.get();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: java.management missing from a trimmed runtime.
            sample = ThreadSample.fromStackTraces("ThreadMXBean unavailable (" + e + ")", null, List.of());
        }
        long captureNanos = System.nanoTime() - start;
        try {
            return assemble(hung, hungStack, sample, at, captureNanos);
        } catch (RuntimeException e) {
            // A bug in formatting must not cost the caller the failure report: keep the hang location.
            ThreadRecord record = ThreadRecord.withoutLocks(hung, hungStack);
            return new Evidence(hungStack, record.header(), "Thread dump unavailable: " + e + "\n", null,
                    List.of(), Set.of());
        }
    }

    /**
     * Every platform thread with lock owners, and the deadlock cycles if any: for a dump that is not about
     * one thread (the run watchdog's). Never throws.
     */
    public static String dumpAllThreads() {
        long start = System.nanoTime();
        Instant at = Instant.now();
        ThreadSample sample;
        try {
            sample = ThreadSampler.platform();
        } catch (RuntimeException | LinkageError e) {
            sample = ThreadSample.fromStackTraces("ThreadMXBean unavailable (" + e + ")", null, List.of());
        }
        try {
            return ThreadDumpFormatter.formatAll(sample.threads(), sample.notes(), at, System.nanoTime() - start)
                    + new DeadlockReport(sample.deadlocked(), sample.threads()).text().map(text -> "\n" + text)
                            .orElse("");
        } catch (RuntimeException e) {
            return "Thread dump unavailable: " + e + "\n";
        }
    }

    private static StackTraceElement[] stackOf(Thread thread) {
        try {
            return StackFrames.readable(thread.getStackTrace());
        } catch (RuntimeException e) { // SecurityException under a security manager
            return new StackTraceElement[0];
        }
    }

    private static Evidence assemble(Thread hung, StackTraceElement[] hungStack, ThreadSample sample, Instant at,
            long captureNanos) {
        List<String> notes = new ArrayList<>(sample.notes());
        long hungId = hung.getId();
        ThreadRecord hungRecord = null;
        List<ThreadRecord> others = new ArrayList<>(sample.threads().size());
        for (ThreadRecord thread : sample.threads()) {
            if (thread.id() == hungId) {
                hungRecord = thread;
            } else {
                others.add(thread);
            }
        }
        if (hungRecord == null) {
            // Virtual threads are not in the platform thread list; nor is a thread that just ended.
            hungRecord = ThreadRecord.withoutLocks(hung, hungStack);
            notes.add("the hung thread is not in the JVM's thread list (a virtual thread, or it ended): "
                    + "its state is from java.lang.Thread and its stack from the deadline");
        }
        // The dump shows the hung thread as the dump saw it, a moment after hungStack, so that its
        // "- locked" lines match its frames; for a thread that is really stuck the two are the same.
        List<ThreadRecord> all = new ArrayList<>(others.size() + 1);
        all.add(hungRecord);
        all.addAll(others);
        DeadlockReport deadlocks = new DeadlockReport(sample.deadlocked(), all);
        String dump = ThreadDumpFormatter.format(hungRecord, others, notes, at, captureNanos)
                + deadlocks.text().map(text -> "\n" + text).orElse("");
        return new Evidence(hungStack, hungRecord.header(), dump, deadlocks.textFor(hungId).orElse(null),
                List.copyOf(others), deadlocks.deadlockedIds());
    }

    /** The hung thread's stack at the deadline (a copy). */
    public StackTraceElement[] hungStack() {
        return hungStack.clone();
    }

    /**
     * The hung thread's header: quoted name, {@code #id}, {@code daemon} if so, state, and for a waiting
     * or blocked thread {@code on <lock> owned by "<name>" #<id>}.
     */
    public String hungThreadHeader() {
        return hungThreadHeader;
    }

    /**
     * Every thread, the hung one first: its header, its full stack, the monitors it holds as
     * {@code - locked} lines under the frames that locked them, and its
     * {@code Locked ownable synchronizers:} when it holds any.
     */
    public String threadDump() {
        return threadDump;
    }

    /**
     * The deadlock cycles the hung thread is in or waits on at the deadline (monitors and
     * {@code java.util.concurrent} locks), one line per thread naming the lock it waits for and that
     * lock's owner, followed by the threads stuck waiting on the cycle; empty when there is none.
     * Deadlocks that do not concern the hung thread (left behind by an earlier test) are only in the
     * {@link #threadDump()}.
     */
    public Optional<String> deadlock() {
        return Optional.ofNullable(deadlock);
    }

    /** One snapshot per other live thread: its header as message, its full stack as stack trace. */
    public List<HungTestException.ThreadSnapshot> otherThreads() {
        List<HungTestException.ThreadSnapshot> snapshots = new ArrayList<>(others.size());
        for (ThreadRecord thread : others) {
            snapshots.add(new HungTestException.ThreadSnapshot(thread.header(), thread.stack().clone()));
        }
        return snapshots;
    }

    /**
     * Whether the JVM found {@code t} in a deadlock cycle at the deadline. A thread merely waiting on
     * a deadlocked thread is listed in {@link #deadlock()} but is not a member.
     */
    public boolean involvesDeadlock(Thread t) {
        return inDeadlockCycle.contains(t.getId());
    }

    @Override
    public String toString() {
        return "Evidence[" + hungThreadHeader + (deadlock == null ? "" : ", deadlock") + "]";
    }
}
