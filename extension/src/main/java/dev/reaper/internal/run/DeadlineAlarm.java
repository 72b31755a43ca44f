package dev.reaper.internal.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import dev.reaper.internal.util.ReaperThread;

/**
 * One daemon thread that sleeps until the earliest deadline of the invocations in flight and hands each
 * expired one to the escalation, on a thread of its own so that concurrent hangs escalate concurrently;
 * before that, it says where a slow one is ({@code reaper.slow}).
 * Arming and disarming touch no lock and wake nobody unless the new deadline comes first, so the
 * invocations that end in time (nearly all) cost a set insertion and removal.
 */
final class DeadlineAlarm {

    /**
     * Per JVM, for every run and engine run in it: its thread never ends, and one per run would cost a fork
     * worker, which runs a launcher session per class, a thread per class.
     */
    static final DeadlineAlarm JVM = new DeadlineAlarm();

    private static final long IDLE_NANOS = 60_000_000_000L;

    private final Set<GuardedInvocation> armed = ConcurrentHashMap.newKeySet();
    private volatile long sleepingUntil = Long.MAX_VALUE;
    private Thread thread;

    void arm(GuardedInvocation invocation) {
        armed.add(invocation);
        if (invocation.nextAlarmNanos() - sleepingUntil < 0) {
            LockSupport.unpark(thread());
        }
    }

    void disarm(GuardedInvocation invocation) {
        armed.remove(invocation);
    }

    private synchronized Thread thread() {
        if (thread == null) {
            thread = new ReaperThread(this::watch, "reaper: deadlines");
            thread.start();
        }
        return thread;
    }

    private void watch() {
        while (true) {
            long now = System.nanoTime();
            long next = now + IDLE_NANOS;
            // Published before the scan: an invocation armed meanwhile either sees it and wakes this
            // thread, or is seen by the scan.
            sleepingUntil = next;
            for (GuardedInvocation invocation : armed) {
                long due = invocation.nextAlarmNanos();
                if (due - now <= 0) {
                    if (!ring(invocation)) {
                        continue;
                    }
                    due = invocation.nextAlarmNanos();
                }
                if (due - next < 0) {
                    next = due;
                }
            }
            sleepingUntil = next;
            LockSupport.parkNanos(this, next - System.nanoTime());
        }
    }

    /** What came due for the invocation; whether it still needs this thread (its deadline is yet to come). */
    private boolean ring(GuardedInvocation invocation) {
        try {
            if (invocation.takeSlowMark()) {
                invocation.slowNotice().stillRunning(invocation);
                return true;
            }
            // Removing it claims it: the run budget may be escalating it this very moment.
            if (armed.remove(invocation)) {
                escalate(invocation);
            }
        } catch (RuntimeException | Error failed) {
            failed.printStackTrace(); // the other deadlines are still this thread's to watch
        }
        return false;
    }

    /**
     * The run budget ran out: every invocation of its run armed now escalates at once, its ladder counting
     * from now.
     *
     * @return the invocations escalated here (those already escalating for their own deadline go on as they are)
     */
    List<GuardedInvocation> escalateNow(RunBudget budget, String reason) {
        List<GuardedInvocation> escalated = new ArrayList<>();
        for (GuardedInvocation invocation : armed) {
            if (invocation.budget() == budget && armed.remove(invocation)) {
                invocation.endByBudget(reason);
                escalate(invocation);
                escalated.add(invocation);
            }
        }
        return escalated;
    }

    private void escalate(GuardedInvocation invocation) {
        Thread escalator = new ReaperThread(() -> invocation.escalation().escalate(invocation),
                "reaper: escalating " + invocation.description());
        if (invocation.beginEscalation(escalator)) {
            escalator.start();
        }
    }
}
