package dev.reaper;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The failure of a test that passed its deadline. Its message names the test, the timeout, the rung
 * that ended it (or that it could not be stopped) and how long after the deadline that was; its stack
 * trace is where the test's thread was at the deadline; every other thread of the JVM at that moment
 * is attached as a {@linkplain #getSuppressed() suppressed} {@link ThreadSnapshot}, so the whole dump
 * is in the IDE and in Surefire's XML:
 *
 * <pre>
 * dev.reaper.HungTestException: BuyTest.pay() exceeded its timeout of 5 s; stopped by interrupt 9 ms after the deadline
 *     at app.Gateway.await(Gateway.java:41)
 *     at app.BuyTest.pay(BuyTest.java:17)
 *     ...
 *     Suppressed: dev.reaper.HungTestException$ThreadSnapshot: "gateway-io" #31 RUNNABLE
 *         ...
 * </pre>
 *
 * <p>Tests and reports can read the parts:
 *
 * <pre>{@code
 * catch (HungTestException hung) {
 *     hung.stoppedBy();   // Optional[INTERRUPT], or empty for a zombie
 *     hung.overrun();     // PT0.009S
 * }
 * }</pre>
 */
public final class HungTestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String test;
    private final Duration timeout;
    private final Rung stoppedBy;
    private final boolean zombie;
    private final Duration overrun;
    private final String threadDump;
    private final String deadlock;

    // Built by Reaper only (the internals reach it through ReaperExtension), so that no failure claims both
    // that a rung stopped the test and that it could not be stopped.
    HungTestException(String message, String test, Duration timeout, Rung stoppedBy, boolean zombie,
            Duration overrun, String threadDump, String deadlock) {
        super(Objects.requireNonNull(message, "message"));
        if (zombie && stoppedBy != null) {
            throw new IllegalArgumentException("a zombie was stopped by no rung, not by " + stoppedBy.configName());
        }
        this.test = Objects.requireNonNull(test, "test");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.stoppedBy = stoppedBy;
        this.zombie = zombie;
        this.overrun = Objects.requireNonNull(overrun, "overrun");
        this.threadDump = Objects.requireNonNull(threadDump, "threadDump");
        this.deadlock = deadlock;
    }

    /** The test or lifecycle method that hung, e.g. {@code "CheckoutTest.pays()"}. */
    public String test() {
        return test;
    }

    /** The timeout it exceeded. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The rung during whose grace the test ended; empty when it could not be stopped (a zombie) or ended
     * by itself before the first rung acted.
     */
    public Optional<Rung> stoppedBy() {
        return Optional.ofNullable(stoppedBy);
    }

    /** Whether the test's thread was still running when Reaper gave up on it. */
    public boolean isZombie() {
        return zombie;
    }

    /** Time from the deadline until the test ended or was abandoned. */
    public Duration overrun() {
        return overrun;
    }

    /** Every thread of the JVM at the deadline, with states, stacks and lock owners. */
    public String threadDump() {
        return threadDump;
    }

    /** The deadlock cycles found at the deadline, naming threads, locks and owners. */
    public Optional<String> deadlock() {
        return Optional.ofNullable(deadlock);
    }

    /**
     * One thread at the deadline, attached to a {@link HungTestException} as a suppressed exception so
     * that its stack prints as a stack trace. Its message is the thread's header: name, id, state,
     * and the lock it waits for with the lock's owner.
     *
     * <pre>{@code
     * for (Throwable other : hung.getSuppressed()) {
     *     if (other instanceof HungTestException.ThreadSnapshot thread) {
     *         thread.getMessage();      // "\"gateway-io\" #31 RUNNABLE"
     *         thread.getStackTrace();   // where it was at the deadline
     *     }
     * }
     * }</pre>
     */
    public static final class ThreadSnapshot extends Throwable {

        private static final long serialVersionUID = 1L;

        /**
         * @param header the thread's header line
         * @param stack  the thread's stack
         */
        public ThreadSnapshot(String header, StackTraceElement[] stack) {
            super(header, null, false, true);
            setStackTrace(stack);
        }
    }
}
