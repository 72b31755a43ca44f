package dev.reaper.internal.leak;

/**
 * Which test a leak is blamed on, and on what grounds.
 *
 * @param test the test or class, e.g. {@code CheckoutTest.pays()}
 * @param how  {@link #WHILE_RUNNING}
 * @param hung whether that test hung and was stopped by the ladder: its leftovers are stopped with it
 */
record Origin(String test, String how, boolean hung) {

    /** Inferred: created while the test ran, when no unrelated test ran at the same time. */
    static final String WHILE_RUNNING = "created while it ran";
}
