package samples.demo;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import dev.reaper.Reaper;
import samples.Expected;

/**
 * Two threads each holding the monitor the other needs. Nothing inside the JVM can end a thread
 * blocked on a monitor: Reaper names the deadlock (threads, monitors, owners), abandons the thread as
 * a zombie, and the run goes on ({@code reaper.zombies=continue}, the default).
 */
@Reaper(timeout = "1 s", grace = "500 ms")
class DeadlockDemo {

    static final class Account {
        final String name;

        Account(String name) {
            this.name = name;
        }
    }

    @Test
    @Expected("zombie")
    void transfersInOppositeDirections() throws InterruptedException {
        Account alice = new Account("alice");
        Account bob = new Account("bob");
        CountDownLatch bothLocked = new CountDownLatch(2);
        Thread other = new Thread(() -> transfer(bob, alice, bothLocked), "transfer bob->alice");
        other.setDaemon(true);
        other.start();
        transfer(alice, bob, bothLocked);
    }

    private static void transfer(Account from, Account to, CountDownLatch bothLocked) {
        synchronized (from) {
            bothLocked.countDown();
            try {
                bothLocked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (to) {
                throw new AssertionError("never reached");
            }
        }
    }

    @Test
    @Expected("passes")
    void theNextTestStillRuns() {
    }
}
