package samples.demo;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.reaper.Reaper;
import samples.Expected;
import samples.LaunchWith;

/**
 * Two threads each holding the monitor the other needs. Nothing inside the JVM can end a thread
 * blocked on a monitor, and the test holds the JUnit thread it runs on: Reaper names the deadlock
 * (threads, monitors, owners) on the console and in the report, then ends the JVM with status 70
 * ({@code reaper.zombies=halt}, the default), so the build fails in seconds. Fork isolation
 * ({@code ForkDemo}) ends the same deadlock and the run goes on. It ends the JVM it runs in, so the
 * samples run it in a JVM of its own.
 */
@Reaper(timeout = "1 s", grace = "500 ms")
@TestMethodOrder(MethodOrderer.MethodName.class)
@LaunchWith(ownJvm = true)
class DeadlockDemo {

    static final class Account {
        final String name;

        Account(String name) {
            this.name = name;
        }
    }

    @Test
    @Expected("passes")
    void a_runsFirst() {
    }

    @Test
    @Expected("zombie, JVM halted")
    void b_transfersInOppositeDirections() throws InterruptedException {
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
}
