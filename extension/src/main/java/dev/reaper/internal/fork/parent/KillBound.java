package dev.reaper.internal.fork.parent;

import java.time.Duration;

/**
 * When the parent kills a worker that has not answered: after the worker's own ladder, or after the
 * longest a test may take when no deadline is armed in the worker, and in both cases time to report.
 */
final class KillBound {

    /** Time for the worker to report a test its own ladder ended, before the parent acts. */
    static final Duration REPORT_SLACK = Duration.ofMillis(500);

    private KillBound() {
    }

    /** Once the worker armed a deadline: after that deadline and the ladder the worker climbs itself. */
    static long afterArmed(long deadlineNanos, long escalationMillis) {
        return deadlineNanos + Duration.ofMillis(escalationMillis).plus(REPORT_SLACK).toNanos();
    }

    /**
     * While no deadline is armed in the worker (starting the test, JUnit's own work, extension callbacks).
     *
     * @param withLadder the test's timeout and every rung's grace
     * @param linger     the worker's leak scan after the test may take its linger
     */
    static Duration unguarded(Duration withLadder, Duration linger) {
        return withLadder.plus(linger).plus(REPORT_SLACK);
    }
}
