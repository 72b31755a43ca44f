package com.example.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Nothing here mentions Reaper: it comes from pom.xml alone. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class CheckoutTest {

    static volatile long spins;

    @Test
    void a_pays() {
        assertEquals(42, 40 + 2);
    }

    @Test
    void b_settlesTheMonth() {
        while (spins >= 0) { spins++; } // HANG: verify.groovy finds the expected line by this marker
    }

    @Test
    void c_refunds() {
        assertEquals(0, 42 - 42);
    }
}
