package dev.reaper.internal.run;

import dev.reaper.Deadline;

/** Finds the deadline of the test the current thread works for, for {@link Deadline#current()}. */
public final class Deadlines {

    private Deadlines() {
    }

    public static Deadline current() {
        // Threads a test starts inherit its managed thread's group, so the group is the link to the test.
        if (Thread.currentThread().getThreadGroup() instanceof ManagedThreadGroup group) {
            return group.deadline();
        }
        return TestDeadline.NONE;
    }
}
