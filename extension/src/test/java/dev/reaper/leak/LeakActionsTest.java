package dev.reaper.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.reaper.HungTestException;
import dev.reaper.LeakedThreadsException;
import dev.reaper.LeakedThreadsException.LeakedThread;
import dev.reaper.Reaper;
import dev.reaper.Rung;
import dev.reaper.testing.Kit;
import dev.reaper.testing.Leftovers;

/**
 * {@code reaper.leaks}: a passing test that leaves a thread running is reported with {@code warn} (the
 * default), fails with {@code fail}, and has the thread stopped with {@code stop}; a hung test's
 * leftovers are stopped with it. Real threads, really leaked.
 */
class LeakActionsTest {

    static volatile Thread leaked;

    @AfterEach
    void endWhatTheFixturesLeft() {
        Leftovers.cleanUp();
    }

    @Reaper(grace = "300 ms")
    static class LeavesASleeper {

        @Test
        void leavesASleeper() {
            leaked = Leftovers.sleeper("leaked-sleeper", false);
        }
    }

    @Reaper(grace = "300 ms")
    static class LeavesASpinningPoolWorker {

        @Test
        void leavesASpinningWorker() throws InterruptedException {
            leaked = Leftovers.spinningPoolWorker("leaked-spinner");
        }
    }

    @Reaper(timeout = "500 ms", grace = "300 ms")
    static class TimesOutOnFutureGet {

        @Test
        void waitsForASpinningTask() throws Exception {
            ExecutorService pool = Leftovers.recordPool(Executors.newFixedThreadPool(1,
                    task -> new Thread(task, "stuck-worker")));
            AtomicReference<Thread> worker = new AtomicReference<>();
            CountDownLatch spinning = new CountDownLatch(1);
            Future<?> result = pool.submit(() -> {
                worker.set(Thread.currentThread());
                spinning.countDown();
                Leftovers.spin();
            });
            spinning.await();
            leaked = Leftovers.record(worker.get());
            result.get(); // hangs: the worker never finishes; the interrupt rung ends this wait
        }
    }

    @Test
    void warnReportsTheSleeperAndLeavesItRunning() {
        Kit kit = Kit.run(LeavesASleeper.class);

        kit.assertSuccessful("leavesASleeper()");
        assertThat(LeakEntries.of(kit, "leavesASleeper()")).singleElement().asString()
                .startsWith("LeakActionsTest.LeavesASleeper.leavesASleeper() left 1 thread running (reaper.leaks=warn)")
                .contains("thread \"leaked-sleeper\" #" + leaked.getId()
                        + ", TIMED_WAITING, non-daemon, platform thread");
        assertThat(leaked.isAlive()).isTrue();
    }

    @Test
    void failFailsTheTestListingTheSleeper() {
        Kit kit = Kit.run(LeavesASleeper.class, "reaper.leaks", "fail");

        LeakedThreadsException failure = leakFailure(kit, "leavesASleeper()");
        assertThat(failure.test()).isEqualTo("LeakActionsTest.LeavesASleeper.leavesASleeper()");
        assertThat(failure.getMessage()).startsWith(
                "LeakActionsTest.LeavesASleeper.leavesASleeper() left 1 thread running (reaper.leaks=fail)\n"
                        + "  thread \"leaked-sleeper\" #" + leaked.getId()
                        + ", TIMED_WAITING, non-daemon, platform thread (created while it ran)\n"
                        + "      at dev.reaper.testing.Leftovers.sleepUntilInterrupted(Leftovers.java:");
        LeakedThread thread = failure.threads().get(0);
        assertThat(failure.threads()).hasSize(1);
        assertThat(failure.processes()).isEmpty();
        assertThat(thread.threadName()).isEqualTo("leaked-sleeper");
        assertThat(thread.threadId()).isEqualTo(leaked.getId());
        assertThat(thread.state()).contains(Thread.State.TIMED_WAITING);
        assertThat(thread.isDaemon()).isFalse();
        assertThat(thread.isVirtual()).isFalse();
        assertThat(thread.outcome()).isEmpty();
        assertThat(thread.getStackTrace())
                .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("sleepUntilInterrupted"));
        assertThat(failure.getSuppressed()).containsExactly(thread);
        assertThat(leaked.isAlive()).as("fail reports, it does not stop").isTrue();
    }

    @Test
    void stopFailsTheTestAndStopsTheSleeper() {
        Kit kit = Kit.run(LeavesASleeper.class, "reaper.leaks", "stop");

        LeakedThreadsException failure = leakFailure(kit, "leavesASleeper()");
        assertThat(failure.threads()).singleElement().satisfies(thread -> {
            assertThat(thread.threadName()).isEqualTo("leaked-sleeper");
            assertThat(thread.outcome()).contains("stopped by interrupt");
        });
        assertThat(failure.getMessage()).contains("(created while it ran): stopped by interrupt");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive());
    }

    @Test
    void warnReportsTheSpinningPoolWorker() {
        Kit kit = Kit.run(LeavesASpinningPoolWorker.class);

        kit.assertSuccessful("leavesASpinningWorker()");
        assertThat(LeakEntries.of(kit, "leavesASpinningWorker()")).singleElement().asString()
                .contains("left 1 thread running (reaper.leaks=warn)",
                        // daemon: threads inherit it from the thread that creates them, here Reaper's managed thread
                        "thread \"leaked-spinner-1\" #" + leaked.getId() + ", RUNNABLE, non-daemon, platform thread");
        assertThat(leaked.isAlive()).isTrue();
    }

    @Test
    void failListsTheSpinningPoolWorker() {
        Kit kit = Kit.run(LeavesASpinningPoolWorker.class, "reaper.leaks", "fail");

        LeakedThreadsException failure = leakFailure(kit, "leavesASpinningWorker()");
        assertThat(failure.threads()).singleElement().satisfies(thread -> {
            assertThat(thread.threadName()).isEqualTo("leaked-spinner-1");
            assertThat(thread.state()).contains(Thread.State.RUNNABLE);
            assertThat(thread.getStackTrace()).anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("spin"));
        });
        assertThat(leaked.isAlive()).isTrue();
    }

    @Test
    void stopStopsTheSpinningPoolWorker() {
        Kit kit = Kit.run(LeavesASpinningPoolWorker.class, "reaper.leaks", "stop");

        LeakedThreadsException failure = leakFailure(kit, "leavesASpinningWorker()");
        assertThat(failure.threads().get(0).threadName()).isEqualTo("leaked-spinner-1");
        assertThat(failure.threads().get(0).outcome()).contains("stopped by stop");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive());
        // The pool, never shut down, replaced its worker: reported, and left running.
        assertThat(failure.threads()).hasSize(2);
        assertThat(failure.threads().get(1).threadName()).isEqualTo("leaked-spinner-2");
        assertThat(failure.threads().get(1).outcome()).hasValueSatisfying(
                outcome -> assertThat(outcome).startsWith("appeared while Reaper stopped the others"));
    }

    @Test
    void aTestThatHungOnFutureGetFailsAndItsSpinningWorkerIsReportedAndStopped() {
        Kit kit = Kit.run(TimesOutOnFutureGet.class, "reaper.leaks", "stop");

        HungTestException hung = kit.hung("waitsForASpinningTask()");
        assertThat(hung.stoppedBy()).contains(Rung.INTERRUPT);
        assertThat(hung.getSuppressed()).filteredOn(LeakedThreadsException.class::isInstance).singleElement()
                .satisfies(suppressed -> {
                    LeakedThreadsException leak = (LeakedThreadsException) suppressed;
                    assertThat(leak.threads().get(0).threadName()).isEqualTo("stuck-worker");
                    assertThat(leak.threads().get(0).state()).contains(Thread.State.RUNNABLE);
                    assertThat(leak.threads().get(0).outcome()).contains("stopped by stop");
                });
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive());
    }

    @Test
    void withWarnAHungTestsSpinningWorkerIsStoppedTooAndReported() {
        Kit kit = Kit.run(TimesOutOnFutureGet.class);

        HungTestException hung = kit.hung("waitsForASpinningTask()");
        assertThat(hung.getSuppressed()).noneMatch(LeakedThreadsException.class::isInstance);
        assertThat(LeakEntries.of(kit, "waitsForASpinningTask()")).singleElement().asString()
                .contains("left 2 threads running (reaper.leaks=warn; the test hung, so Reaper stopped what it could)",
                        "thread \"stuck-worker\" #" + leaked.getId()
                                + ", RUNNABLE, non-daemon, platform thread: stopped by stop",
                        "appeared while Reaper stopped the others");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive());
    }

    @Reaper(timeout = "300 ms", grace = "200 ms")
    static class OutlivesJUnitsTimeoutWithAHelper {

        @Test
        @Timeout(value = 100, unit = TimeUnit.MILLISECONDS)
        void spinsWithAHelper() throws InterruptedException {
            leaked = Leftovers.spinningPoolWorker("helper-spinner");
            Leftovers.spin(); // ignores JUnit's interrupt; Reaper's stop rung ends it
        }
    }

    @Test
    void whenJUnitsTimeoutFiredFirstTheHungTestsHelperIsStoppedToo() {
        Kit kit = Kit.run(OutlivesJUnitsTimeoutWithAHelper.class);

        Throwable failure = kit.failure("spinsWithAHelper()");
        assertThat(failure).isInstanceOf(TimeoutException.class);
        assertThat(failure.getSuppressed())
                .anySatisfy(suppressed -> assertThat(suppressed).isInstanceOf(HungTestException.class));
        assertThat(LeakEntries.of(kit, "spinsWithAHelper()")).singleElement().asString()
                .contains("the test hung, so Reaper stopped what it could", "thread \"helper-spinner-1\"",
                        "stopped by stop");
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !leaked.isAlive());
        assertThat(kit.elapsed("spinsWithAHelper()")).as("no busy wait on JUnit's interrupted thread")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void offLooksAtNothing() {
        Kit kit = Kit.run(LeavesASleeper.class, "reaper.leaks", "off");

        kit.assertSuccessful("leavesASleeper()");
        assertThat(LeakEntries.all(kit)).isEmpty();
        assertThat(leaked.isAlive()).isTrue();
    }

    static LeakedThreadsException leakFailure(Kit kit, String name) {
        Throwable failure = kit.failure(name);
        assertThat(failure).as(name).isInstanceOf(LeakedThreadsException.class);
        return (LeakedThreadsException) failure;
    }
}
