package samples.demo;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Isolation;
import dev.reaper.Reaper;
import samples.Expected;

/**
 * Fork isolation: each test runs in a worker JVM. What no thread-level rung can end, a monitor
 * deadlock here, ends with the worker killed; a test that calls System.exit fails on its own; the
 * run goes on in a fresh worker.
 */
@Reaper(isolation = Isolation.FORK, timeout = "1 s", grace = "500 ms")
@TestMethodOrder(MethodOrderer.MethodName.class)
class ForkDemo {

    @Test
    @Expected("stopped by kill")
    void a_deadlocksOnTwoMonitors() {
        Object left = new Object();
        Object right = new Object();
        CountDownLatch both = new CountDownLatch(2);
        Thread other = new Thread(() -> lockBoth(right, left, both), "other side");
        other.setDaemon(true);
        other.start();
        lockBoth(left, right, both);
    }

    @Test
    @Expected("worker exited")
    void b_callsSystemExit() {
        System.exit(3);
    }

    @Test
    @Expected("passes")
    void c_runsOnAFreshWorker() {
    }

    private static void lockBoth(Object first, Object second, CountDownLatch both) {
        synchronized (first) {
            both.countDown();
            try {
                both.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                throw new AssertionError("never reached");
            }
        }
    }
}
