package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of test case Surefire reports, each outcome included; nothing here uses Reaper. */
@DisplayName("Orders")
class OrderTest {

    @BeforeAll
    static void recordJvm() {
        Jvm.record(OrderTest.class);
    }

    @Test
    void addsALine() {
        System.out.println("addsALine: 1 line");
        assertEquals(1, List.of("book").size());
    }

    @Test
    @DisplayName("totals with tax \u2705")
    void totalsWithTax() {
        assertEquals(new BigDecimal("12.00"), new BigDecimal("10.00").multiply(new BigDecimal("1.20")).setScale(2));
    }

    @Test
    void roundsHalfUp() { // FAILS on purpose: an AssertionFailedError with expected and actual
        assertEquals(new BigDecimal("2.36"), new BigDecimal("2.345").setScale(2, RoundingMode.HALF_UP));
    }

    @Test
    void rejectsANegativeQuantity() { // ERRORS on purpose: not an assertion
        throw new IllegalStateException("quantity -1");
    }

    @Test
    void confirmsByMail() throws java.io.IOException { // FLAKY on purpose: fails the first time in each run
        java.nio.file.Path marker = java.nio.file.Path.of("target", "flaky-" + System.getProperty("reports.run", "unknown"));
        if (!java.nio.file.Files.exists(marker)) {
            java.nio.file.Files.createFile(marker);
            assertEquals("sent", "queued");
        }
    }

    @Test
    void shipsAbroad() { // ABORTED on purpose
        assumeTrue(false, "no carrier configured");
    }

    @Test
    // Disabled on purpose: the build compares how Surefire reports a skipped test with and without fork isolation.
    @Disabled("until the new tax table")
    void appliesTheNewTaxTable() {
    }

    @RepeatedTest(3)
    void submitsOnce(RepetitionInfo repetition) {
        assertTrue(repetition.getCurrentRepetition() <= 3);
    }

    @ParameterizedTest(name = "{0} x {1} = {2}")
    @CsvSource({"1, 2, 2", "2, 3, 6", "3, 4, 11"}) // the third FAILS on purpose
    void multiplies(int quantity, int price, int total) {
        assertEquals(total, quantity * price);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "USD"})
    void acceptsACurrency(String currency) {
        assertEquals(3, currency.length());
    }

    @TestFactory
    Stream<DynamicTest> discounts() {
        return Stream.of(5, 10, 150).map(percent -> dynamicTest(percent + " % off",
                () -> assertTrue(percent <= 100, "at most 100 %"))); // 150 FAILS on purpose
    }

    @TestFactory
    List<DynamicNode> coupons() {
        return List.of(
                dynamicTest("no coupon", () -> { }),
                dynamicContainer("seasonal", Stream.of(
                        dynamicTest("spring", () -> { }),
                        dynamicTest("winter", () -> assumeTrue(false, "out of season")))));
    }

    @Nested
    @DisplayName("when empty")
    class WhenEmpty {

        @Test
        void hasNoLines() {
            assertEquals(0, List.of().size());
        }

        @Test
        @DisplayName("total is zero")
        void totalIsZero() {
            assertEquals(BigDecimal.ZERO, BigDecimal.ZERO);
        }

        @Nested
        class AfterCancelling {

            @Test
            void staysEmpty() {
                assertEquals(0, List.of().size());
            }

            @ParameterizedTest
            @ValueSource(ints = {1, 2})
            void refundsNothing(int attempt) {
                assertEquals(0, attempt * 0);
            }
        }
    }
}
