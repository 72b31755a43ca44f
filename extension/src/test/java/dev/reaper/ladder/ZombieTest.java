package dev.reaper.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import dev.reaper.testing.ChildJvm;

/**
 * A {@code synchronized} deadlock cannot be ended inside the JVM: the test holds JUnit's thread for
 * good, so Reaper reports it, with the deadlock named, and ends the JVM ({@code reaper.zombies=halt},
 * the default). In a child JVM, since it ends it.
 */
class ZombieTest {

    static final class LeftLock {
    }

    static final class RightLock {
    }

    @Reaper(timeout = "300 ms", grace = "200 ms")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    public static class MonitorDeadlock {

        @Test
        void a_passes() {
        }

        @Test
        void b_deadlocks() throws InterruptedException {
            Object left = new LeftLock();
            Object right = new RightLock();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread partner = new Thread(() -> {
                synchronized (right) {
                    countDownAndAwait(bothHoldOne);
                    synchronized (left) {
                        throw new AssertionError("unreachable");
                    }
                }
            }, "deadlock-partner");
            partner.setDaemon(true);
            synchronized (left) {
                partner.start();
                countDownAndAwait(bothHoldOne);
                synchronized (right) {
                    throw new AssertionError("unreachable");
                }
            }
        }

        @Test
        void c_neverRuns() {
        }

        private static void countDownAndAwait(CountDownLatch latch) {
            latch.countDown();
            try {
                latch.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void monitorDeadlockIsReportedNamedThenTheJvmEnds() throws Exception {
        ChildJvm.Outcome outcome = ChildJvm.run(List.of(), MonitorDeadlock.class);

        assertThat(outcome.exitCode()).isEqualTo(70);
        assertThat(outcome.output())
                .contains("RESULT a_passes() SUCCESSFUL")
                .contains("Reaper: ZombieTest.MonitorDeadlock.b_deadlocks() could not be stopped; it holds JUnit's"
                        + " thread \"main\" (reaper.zombies=halt)")
                .contains("dev.reaper.HungTestException: ZombieTest.MonitorDeadlock.b_deadlocks() exceeded its timeout"
                        + " of 300 ms; it could not be stopped (tried interrupt, flag, stop) and was abandoned as a zombie")
                .contains("is still BLOCKED")
                .contains("Deadlock (2 threads)", "deadlock-partner", "LeftLock", "RightLock")
                .contains("Reaper: halting the JVM with status 70 because 1 test(s) could not be stopped"
                        + " (reaper.zombies=halt): [ZombieTest.MonitorDeadlock.b_deadlocks()]")
                .doesNotContain("RESULT b_deadlocks()", "RESULT c_neverRuns()", "LAUNCHER DONE");
    }
}
