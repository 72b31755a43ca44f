package dev.reaper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.reaper.Deadline;
import dev.reaper.Isolation;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.internal.util.WorkerJvm;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * {@code @Reaper(enabled = false)}: the class or method runs as plain JUnit runs it (no deadline, no fork, no
 * leak check), whether Reaper was switched on by an annotation, by autodetection or with every class forked.
 * Each opted-out test outlives the deadline it would have had, and leaks a thread under {@code reaper.leaks=fail}.
 */
class OptOutTest {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    static volatile boolean ranInThisJvm;

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
        ranInThisJvm = false;
    }

    /** Waits well past {@code timeout}: a guarded test would be interrupted and fail. */
    static void outliveTheDeadline(Deadline deadline) throws InterruptedException {
        assertThat(new CountDownLatch(1).await(400, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(deadline.isStopRequested()).isFalse();
        assertThat(deadline.remaining()).isGreaterThan(Duration.ofDays(1));
        assertThat(Deadline.current().remaining()).isGreaterThan(Duration.ofDays(1));
    }

    @Reaper(timeout = "100 ms", grace = "100 ms")
    static class OneMethodOptedOut {

        @Test
        @Reaper(enabled = false)
        void optedOut(Deadline deadline) throws InterruptedException {
            Leftovers.sleeper("left-by-an-opted-out-test", true);
            outliveTheDeadline(deadline);
        }

        @Test
        void guarded() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Test
    void anOptedOutMethodRunsUnguardedBesideAGuardedOne() {
        Kit kit = Kit.run(OneMethodOptedOut.class, "reaper.leaks", "fail");

        kit.assertSuccessful("optedOut(Deadline)");
        assertThat(kit.hung("guarded()").stoppedBy()).contains(Rung.INTERRUPT);
        kit.assertSuccessful("OneMethodOptedOut"); // its thread is not blamed on the class either
    }

    @Reaper(enabled = false)
    static class ClassOptedOut {

        @Test
        void outlives(Deadline deadline) throws InterruptedException {
            ranInThisJvm = true;
            assertThat(WorkerJvm.isWorker()).isFalse();
            Leftovers.sleeper("left-by-an-opted-out-class", true);
            outliveTheDeadline(deadline);
        }

        @Nested
        @Reaper(timeout = "100 ms")
        class Inner {

            @Test
            void cannotOptBackIn(Deadline deadline) throws InterruptedException {
                outliveTheDeadline(deadline);
            }
        }
    }

    @Test
    void anOptedOutClassRunsUnguardedUnderAutodetection() {
        Kit kit = Kit.run(ClassOptedOut.class, AUTODETECTION, "true", "reaper.timeout.default", "100 ms",
                "reaper.leaks", "fail");

        kit.assertSuccessful("outlives(Deadline)").assertSuccessful("cannotOptBackIn(Deadline)")
                .assertSuccessful("ClassOptedOut");
        assertThat(ranInThisJvm).isTrue();
    }

    @Test
    void anOptedOutClassIsNotForkedWhenEveryClassForks() {
        Kit kit = Kit.run(ClassOptedOut.class, AUTODETECTION, "true", "reaper.isolation.default", "fork",
                "reaper.timeout.default", "100 ms", "reaper.leaks", "fail");

        kit.assertSuccessful("outlives(Deadline)").assertSuccessful("cannotOptBackIn(Deadline)");
        assertThat(ranInThisJvm).as("run by the Jupiter engine of this JVM, not claimed for a worker").isTrue();
        assertThat(kit.results().testEvents().started().list()).allSatisfy(event -> assertThat(
                event.getTestDescriptor().getUniqueId().getEngineId()).contains("junit-jupiter"));
    }

    @Reaper(isolation = Isolation.FORK, timeout = "100 ms", grace = "100 ms")
    static class ForkedWithAnOptedOutMethod {

        @Test
        @Reaper(enabled = false)
        void optedOut(Deadline deadline) throws InterruptedException {
            assertThat(WorkerJvm.isWorker()).as("runs in the worker with its class").isTrue();
            outliveTheDeadline(deadline);
        }

        @Test
        void guarded() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Test
    void anOptedOutMethodOfAForkedClassRunsInTheWorkerUnguarded() {
        Kit kit = Kit.run(ForkedWithAnOptedOutMethod.class);

        kit.assertSuccessful("optedOut(Deadline)");
        assertThat(kit.hung("guarded()").stoppedBy()).contains(Rung.INTERRUPT);
        assertThat(kit.results().testEvents().started().list()).allSatisfy(event -> assertThat(
                event.getTestDescriptor().getUniqueId().getEngineId()).contains("reaper"));
    }
}
