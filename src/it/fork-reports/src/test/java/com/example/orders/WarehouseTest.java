package com.example.orders;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A class whose @BeforeAll FAILS on purpose: Surefire reports the class, none of its tests. */
class WarehouseTest {

    @BeforeAll
    static void connects() {
        Jvm.record(WarehouseTest.class);
        fail("warehouse offline");
    }

    @Test
    void reservesStock() {
    }

    @Test
    void releasesStock() {
    }
}
