package dev.reaper.internal.run;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle managed threads, so that a test does not pay for starting a thread (about a quarter of a
 * millisecond, far more than the rest of Reaper's per-test cost). A thread is only reused when it is
 * clean: not hung, and no thread it started is still alive in its group.
 */
final class ManagedThreadPool {

    static final ManagedThreadPool SHARED = new ManagedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private final ConcurrentLinkedDeque<ManagedThread> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;

    ManagedThreadPool(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    ManagedThread lease(String name) {
        ManagedThread thread = idle.pollFirst();
        if (thread == null) {
            thread = ManagedThread.startNew();
        } else {
            idleCount.decrementAndGet();
        }
        thread.setName(name);
        return thread;
    }

    void giveBack(ManagedThread thread) {
        boolean clean = !thread.isRetired() && !thread.isBusy() && thread.isAlive()
                && !thread.managedGroup().hasOtherThreads();
        if (!clean) {
            // Leftover threads stay attributed to the group's last test; the group is not reused.
            thread.retire();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            idleCount.decrementAndGet();
            thread.retire();
            return;
        }
        thread.managedGroup().deadline(TestDeadline.NONE);
        thread.setName(thread.managedGroup().getName());
        idle.offerFirst(thread);
    }
}
