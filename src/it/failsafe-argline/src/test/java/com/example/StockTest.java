package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A unit test (Surefire): passes, in a JVM that got the project's argLine and Reaper's. */
class StockTest {

    @Test
    void countsStock() {
        JvmFacts.write("surefire");
        assertEquals(4, 2 + 2);
    }
}
