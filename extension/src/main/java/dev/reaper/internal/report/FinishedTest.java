package dev.reaper.internal.report;

/**
 * A test that had ended in a class still running when the run ended before its tests did: the end of the
 * JVM costs the class its XML report, so the report names it.
 *
 * @param name   e.g. {@code "CheckoutTest.pays()"}
 * @param status JUnit's {@code SUCCESSFUL}, {@code FAILED} or {@code ABORTED}
 */
public record FinishedTest(String name, String status) {
}
