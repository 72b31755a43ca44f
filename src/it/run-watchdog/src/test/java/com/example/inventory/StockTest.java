package com.example.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Nothing here mentions Reaper: the run's budget comes from pom.xml alone. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class StockTest {

    @Test
    void a_countsStock() {
        assertEquals(12, 3 * 4);
    }

    @Test
    void b_waitsForASupplier() throws InterruptedException {
        new CountDownLatch(1).await(); // HANG: nobody counts down; the test's own timeout is 10 minutes
    }

    @Test
    void c_reordersStock() {
        assertEquals(2, 1 + 1); // never starts: the run budget ran out during b_waitsForASupplier
    }
}
