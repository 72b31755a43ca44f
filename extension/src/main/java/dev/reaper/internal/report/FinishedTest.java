package dev.reaper.internal.report;

/**
 * A test that had ended in a class still running when the run watchdog fired: the halt costs the class
 * its XML report, so the watchdog's report names it.
 *
 * @param name   e.g. {@code "CheckoutTest.pays()"}
 * @param status JUnit's {@code SUCCESSFUL}, {@code FAILED} or {@code ABORTED}
 */
public record FinishedTest(String name, String status) {
}
