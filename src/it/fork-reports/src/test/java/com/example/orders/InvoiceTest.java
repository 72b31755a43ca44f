package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second, ordinary class: one suite per class in both runs. */
class InvoiceTest {

    @BeforeAll
    static void recordJvm() {
        Jvm.record(InvoiceTest.class);
    }

    @Test
    void numbersInvoices() {
        assertEquals("INV-0001", String.format("INV-%04d", 1));
    }

    @Test
    void printsTheAddress() {
        assertEquals(2, "Main St 1\n12345 Town".lines().count());
    }
}
