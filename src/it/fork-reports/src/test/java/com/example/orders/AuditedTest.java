package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** Inherited by ShippingTest: a test declared in a superclass. */
abstract class AuditedTest {

    @Test
    void isAudited() {
        assertNotNull(getClass().getSimpleName());
    }
}
