package dev.reaper.internal.run;

import dev.reaper.Deadline;

/**
 * Finds the deadline of the invocation the current thread works for, for {@link Deadline#current()}:
 * an inheritable thread-local, set on the invocation's thread while it runs, so that the platform and
 * virtual threads it starts inherit it.
 */
public final class Deadlines {

    private static final InheritableThreadLocal<TestDeadline> CURRENT = new InheritableThreadLocal<>();

    private Deadlines() {
    }

    public static Deadline current() {
        TestDeadline deadline = CURRENT.get();
        return deadline == null ? TestDeadline.NONE : deadline;
    }

    /** Makes {@code deadline} the current thread's; returns the one it replaces, for {@link #restore}. */
    static TestDeadline enter(TestDeadline deadline) {
        TestDeadline previous = CURRENT.get();
        CURRENT.set(deadline);
        return previous;
    }

    static void restore(TestDeadline previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
