package dev.reaper;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The deadline of the invocation the current thread works for, behind {@link Deadline#current()}: an
 * inheritable thread-local, so that the platform and virtual threads a test starts see its deadline.
 */
final class CurrentDeadline {

    /** Outside any Reaper-guarded invocation, and for tests Reaper does not guard. */
    static final Deadline NONE = new Deadline() {

        @Override
        public Duration remaining() {
            return ChronoUnit.FOREVER.getDuration();
        }

        @Override
        public boolean isStopRequested() {
            return false;
        }

        @Override
        public String toString() {
            return "Deadline[none]";
        }
    };

    private static final InheritableThreadLocal<Deadline> CURRENT = new InheritableThreadLocal<>();

    private CurrentDeadline() {
    }

    static Deadline get() {
        Deadline deadline = CURRENT.get();
        return deadline == null ? NONE : deadline;
    }

    static Deadline enter(Deadline deadline) {
        Deadline previous = CURRENT.get();
        CURRENT.set(deadline);
        return previous;
    }

    static void restore(Deadline previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
