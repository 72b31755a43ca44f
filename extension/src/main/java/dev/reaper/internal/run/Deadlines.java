package dev.reaper.internal.run;

import dev.reaper.Deadline;
import dev.reaper.internal.util.ApiAccess;

/**
 * Sets the deadline {@link Deadline#current()} finds, on the invocation's thread while it runs, so that
 * the platform and virtual threads it starts inherit it.
 */
final class Deadlines {

    private Deadlines() {
    }

    /** Makes {@code deadline} the current thread's; returns the one it replaces, for {@link #restore}. */
    static Deadline enter(TestDeadline deadline) {
        return ApiAccess.get().enterDeadline(deadline);
    }

    static void restore(Deadline previous) {
        ApiAccess.get().restoreDeadline(previous);
    }
}
