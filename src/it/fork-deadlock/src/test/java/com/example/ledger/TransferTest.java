package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Nothing here mentions Reaper: fork isolation comes from pom.xml alone. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class TransferTest {

    @Test
    void a_deposits() {
        assertEquals(100, 60 + 40);
    }

    @Test
    void b_transfersBothWays() throws InterruptedException {
        Object alice = new Object();
        Object bob = new Object();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread other = new Thread(() -> transfer(bob, alice, bothHoldOne), "bob to alice");
        other.setDaemon(true);
        other.start();
        transfer(alice, bob, bothHoldOne);
    }

    @Test
    void c_withdraws() {
        assertEquals(60, 100 - 40);
    }

    private static void transfer(Object from, Object to, CountDownLatch bothHoldOne) {
        synchronized (from) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (to) { throw new AssertionError("never reached"); } // HANG: each waits for the other's
        }
    }
}
