package dev.reaper.internal.report;

import java.time.Duration;

/**
 * A test (or class) that was running when the run ended before its tests did, and for how long.
 *
 * @param name     e.g. {@code "CheckoutTest.pays()"}
 * @param uniqueId JUnit's unique ID
 * @param running  how long it had been running
 */
public record RunningTest(String name, String uniqueId, Duration running) {
}
