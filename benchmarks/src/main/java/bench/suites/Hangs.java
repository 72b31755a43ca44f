package bench.suites;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

import dev.reaper.Deadline;

/**
 * Tests that really hang, one way each, for the reaction-latency runs. Each publishes, as its body
 * starts, the deadline Reaper armed for it (report entry {@value #DEADLINE}), {@code System.nanoTime()}
 * ({@value #STARTED}) and its JVM's pid ({@value #PID}): in fork isolation the entry comes back from
 * the worker, and {@code nanoTime} is CLOCK_MONOTONIC on Linux, shared by all processes of the machine.
 * Timeouts and graces come from the configuration of each run.
 */
public final class Hangs {

    public static final String STARTED = "bench.started";
    public static final String DEADLINE = "bench.deadline";
    public static final String PID = "bench.pid";

    private Hangs() {
    }

    static void started(TestReporter reporter) {
        reporter.publishEntry(startedAt(System.nanoTime()));
    }

    private static Map<String, String> startedAt(long nanoTime) {
        return Map.of(STARTED, Long.toString(nanoTime), PID, Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * What a hanging test publishes: its start and the deadline Reaper really armed, on the same clock.
     * Reaper arms the deadline before it hands the test to its managed thread, so the body's start plus
     * the timeout would be a little late, and the latency measured from it a little short.
     */
    static void armed(TestReporter reporter) {
        long now = System.nanoTime();
        Duration remaining = Deadline.current().remaining();
        if (remaining.compareTo(Duration.ofDays(1)) > 0) {
            // Deadline.current() outside a guarded test: a very long duration, and no measurement.
            throw new IllegalStateException("no Reaper deadline armed for this test: " + remaining);
        }
        Map<String, String> entries = new HashMap<>(startedAt(now));
        entries.put(DEADLINE, Long.toString(now + remaining.toNanos()));
        reporter.publishEntry(entries);
    }

    /** Waits on a latch nobody counts down: the interrupt rung ends it. */
    public static class Interruptible {
        @Test
        void hangs(TestReporter reporter) throws InterruptedException {
            armed(reporter);
            new CountDownLatch(1).await();
        }
    }

    /** Swallows every interrupt but polls Reaper's flag: the flag rung ends it. */
    public static class SwallowsInterruptsPollsFlag {
        @Test
        void hangs(TestReporter reporter) {
            armed(reporter);
            while (true) {
                Deadline.current().checkpoint();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException swallowed) {
                    // keeps going
                }
            }
        }
    }

    /** Swallows every interrupt and never looks at the flag: only the stop rung ends it. */
    public static class SwallowsInterrupts {
        @Test
        void hangs(TestReporter reporter) {
            armed(reporter);
            while (true) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException swallowed) {
                    // keeps going
                }
            }
        }
    }

    /** Spins: only the stop rung ends it. */
    public static class BusyLoop {
        static volatile long sink;

        @Test
        void hangs(TestReporter reporter) {
            armed(reporter);
            while (true) {
                sink++;
            }
        }
    }

    /**
     * A {@code synchronized} deadlock, which nothing inside a JVM can end: in fork isolation the kill rung
     * ends it, and {@code b_next} runs on a fresh worker (both publish their worker's pid: the harness checks).
     */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class Deadlock {
        private final Object left = new Object();
        private final Object right = new Object();

        @Test
        void a_deadlocks(TestReporter reporter) throws InterruptedException {
            armed(reporter);
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread other = new Thread(() -> lockBoth(right, left, bothHoldOne), "other side");
            other.setDaemon(true);
            other.start();
            lockBoth(left, right, bothHoldOne);
        }

        @Test
        void b_next(TestReporter reporter) {
            started(reporter);
        }

        private static void lockBoth(Object first, Object second, CountDownLatch bothHoldOne) {
            synchronized (first) {
                bothHoldOne.countDown();
                try {
                    bothHoldOne.await();
                } catch (InterruptedException ignored) {
                    // hold on regardless: this is the deadlock
                }
                synchronized (second) {
                    bothHoldOne.countDown();
                }
            }
        }
    }

    /** Trivial tests that say when they started: the first in a run waits for a cold worker, the others not. */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class ColdStart {
        @Test
        void a_first(TestReporter reporter) {
            started(reporter);
        }

        @Test
        void b_second(TestReporter reporter) {
            started(reporter);
        }

        @Test
        void c_third(TestReporter reporter) {
            started(reporter);
        }
    }

    /**
     * With {@code reaper.fork.reuse=false} every test takes a fresh worker: {@code b} takes the standby that
     * started with {@code a}, and its 1.5 s give the next standby time to start, so {@code c} measures the
     * first test on a worker that is up but has never run a test (as after a kill).
     */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class StandbyStart {
        @Test
        void a_first(TestReporter reporter) {
            started(reporter);
        }

        @Test
        void b_givesTheStandbyTime(TestReporter reporter) throws InterruptedException {
            started(reporter);
            Thread.sleep(1500);
        }

        @Test
        void c_onAStandby(TestReporter reporter) {
            started(reporter);
        }
    }

    /** Says where a trivial test runs and under which deadline: proof that a variant really guards its tests. */
    public static class WhereAmI {
        @Test
        void where(TestReporter reporter) {
            reporter.publishEntry("bench.thread", Thread.currentThread().getName());
            Duration remaining = Deadline.current().remaining();
            reporter.publishEntry("bench.deadline", remaining.toDays() > 365 ? "none" : remaining.toSeconds() + " s");
            reporter.publishEntry(PID, Long.toString(ProcessHandle.current().pid()));
        }
    }
}
