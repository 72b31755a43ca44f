package dev.reaper.internal.run;

import dev.reaper.Deadline;

/**
 * The group of one managed thread. Threads a test starts inherit it, which attributes them to the test
 * that runs on the managed thread, also under parallel execution.
 */
final class ManagedThreadGroup extends ThreadGroup {

    private volatile Deadline deadline = TestDeadline.NONE;

    ManagedThreadGroup(String name) {
        super(name);
    }

    Deadline deadline() {
        return deadline;
    }

    void deadline(Deadline deadline) {
        this.deadline = deadline;
    }

    /** Whether threads other than the managed thread itself are still alive in the group. */
    boolean hasOtherThreads() {
        return activeCount() > 1;
    }
}
