package com.example.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Not started when the run's budget runs out: each test is reported as not run, nothing here runs. */
@TestMethodOrder(MethodOrderer.MethodName.class)
class ZonesTest {

    @BeforeAll
    static void openZones() {
        System.out.println("ZONES OPENED");
    }

    @Test
    void a_mapsZones() {
        assertEquals(4, 2 * 2);
    }

    @Test
    void b_movesStock() {
        assertEquals(6, 2 * 3);
    }

    @AfterAll
    static void closeZones() {
        System.out.println("ZONES CLOSED");
    }
}
