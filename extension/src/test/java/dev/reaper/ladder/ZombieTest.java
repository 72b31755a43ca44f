package dev.reaper.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import dev.reaper.HungTestException;
import dev.reaper.Reaper;
import dev.reaper.testing.Bounds;
import dev.reaper.testing.Hangs;
import dev.reaper.testing.Kit;

/**
 * A {@code synchronized} deadlock cannot be ended inside the JVM: the thread is abandoned as a zombie,
 * in bounded time, with the deadlock named in the failure.
 */
class ZombieTest {

    static final class LeftLock {
    }

    static final class RightLock {
    }

    @Reaper(timeout = "300 ms", grace = "200 ms")
    static class MonitorDeadlock {

        @Test
        void deadlocks() throws InterruptedException {
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
            Hangs.lastHungThread = Thread.currentThread();
            synchronized (left) {
                partner.start();
                countDownAndAwait(bothHoldOne);
                synchronized (right) {
                    throw new AssertionError("unreachable");
                }
            }
        }

        @Test
        void passes() {
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
    void monitorDeadlockIsAbandonedAsANamedZombie() {
        Kit kit = Kit.run(MonitorDeadlock.class);
        Thread zombie = Hangs.lastHungThread;

        HungTestException hung = kit.hung("deadlocks()");
        assertThat(hung.isZombie()).isTrue();
        assertThat(hung.stoppedBy()).isEmpty();
        assertThat(hung.getMessage())
                .startsWith("ZombieTest.MonitorDeadlock.deadlocks() exceeded its timeout of 300 ms;"
                        + " it could not be stopped (tried interrupt, flag, stop) and was abandoned as a zombie")
                .contains("is still BLOCKED");
        assertThat(hung.deadlock()).hasValueSatisfying(deadlock -> assertThat(deadlock)
                .contains(zombie.getName(), "deadlock-partner", "LeftLock", "RightLock"));
        assertThat(hung.getMessage()).contains(hung.deadlock().orElseThrow());
        assertThat(kit.elapsed("deadlocks()")).isLessThan(Bounds.within(Duration.ofMillis(300), Duration.ofMillis(200), 3));
        assertThat(zombie.getState()).isEqualTo(Thread.State.BLOCKED);
        kit.assertSuccessful("passes()");
    }

    @Reaper(timeout = "200 ms", grace = "100 ms")
    static class LaterHang {

        @Test
        void sleeps() throws InterruptedException {
            Hangs.sleepForever();
        }
    }

    @Test
    void aLaterFailureDoesNotBlameTheOldDeadlockOnItsTest() {
        Kit.run(MonitorDeadlock.class);

        HungTestException later = Kit.run(LaterHang.class).hung("sleeps()");
        assertThat(later.deadlock()).isEmpty();
        assertThat(later.getMessage()).doesNotContain("Deadlock");
        assertThat(later.threadDump()).contains("Deadlock (2 threads)", "LeftLock");
    }
}
