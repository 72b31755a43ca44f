package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Nothing here mentions Reaper: the run's budget comes from pom.xml alone. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class TransferTest {

    private final Object alice = new Object();
    private final Object bob = new Object();

    @Test
    void a_deposits() {
        assertEquals(10, 4 + 6);
    }

    @Test
    void b_transfersBothWays() throws InterruptedException {
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread other = new Thread(() -> transfer(bob, alice, bothHoldOne), "bob to alice");
        other.setDaemon(true);
        other.start();
        transfer(alice, bob, bothHoldOne);
    }

    @Test
    void c_withdraws() {
        assertEquals(3, 5 - 2); // never starts: the JVM halts during b_transfersBothWays
    }

    private static void transfer(Object from, Object to, CountDownLatch bothHoldOne) {
        synchronized (from) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            synchronized (to) { // HANG: each thread holds the monitor the other waits for
                throw new AssertionError("unreachable");
            }
        }
    }
}
