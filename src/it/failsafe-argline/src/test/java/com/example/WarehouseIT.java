package com.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** An integration test (Failsafe): its second test waits for a truck that never comes. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class WarehouseIT {

    @Test
    void a_opensTheDoors() {
        JvmFacts.write("failsafe");
        assertTrue(true);
    }

    @Test
    void b_waitsForTheTruck() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE); // HANG
    }

    @Test
    void c_closesTheDoors() {
        assertTrue(true);
    }
}
