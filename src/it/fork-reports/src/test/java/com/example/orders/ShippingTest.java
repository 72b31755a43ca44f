package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URI;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The containers' own outcomes: an inherited test, dynamic tests with their own sources, a factory and a
 * parameterized test that fail before any test runs, and an @AfterAll that FAILS on purpose.
 */
class ShippingTest extends AuditedTest {

    @BeforeAll
    static void recordJvm() {
        Jvm.record(ShippingTest.class);
    }

    @AfterAll
    static void closesTheCarrier() {
        System.err.println("closesTheCarrier: carrier still busy");
        throw new IllegalStateException("carrier still busy");
    }

    @Test
    void weighsAParcel() {
        System.out.println("weighsAParcel: 2 kg");
        System.err.println("weighsAParcel: no scale calibration");
        assertEquals(2, 1 + 1);
    }

    @TestFactory
    Stream<DynamicTest> carriers() {
        return Stream.of(
                dynamicTest("by method source", URI.create("method:com.example.orders.ShippingTest#weighsAParcel()"),
                        () -> { }),
                dynamicTest("by class source", URI.create("class:com.example.orders.InvoiceTest"), () -> { }),
                dynamicTest("by file source", URI.create("file:///tmp/carriers.csv?line=2"), () -> { }),
                dynamicTest("by classpath source", URI.create("classpath:/carriers.csv"),
                        () -> assertEquals("DHL", "UPS")));
    }

    @TestFactory
    Stream<DynamicTest> brokenFactory() {
        throw new IllegalStateException("no carriers configured");
    }

    @ParameterizedTest
    @MethodSource("noZones")
    void shipsToAZone(String zone) {
    }

    static Stream<String> noZones() {
        throw new IllegalStateException("zone table missing");
    }
}
